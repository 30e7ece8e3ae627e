package dev.thoth.domain.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Events as JSON on the wire; the same shape in both transports. */
final class EventCodec {

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	String encode(PipelineEvent event) {
		return this.json.writeValueAsString(event);
	}

	/**
	 * The event, or null for a message that is not one (another writer on the channel).
	 */
	PipelineEvent decode(String payload) {
		try {
			return this.json.readValue(payload, PipelineEvent.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
