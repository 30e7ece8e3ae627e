package dev.thoth.api.support;

import java.util.ArrayList;
import java.util.List;

/** Reads a text/event-stream body into its events, as a browser's EventSource would. */
public final class ServerSentEvents {

	private ServerSentEvents() {
	}

	public record Event(String name, String data) {
	}

	public static List<Event> parse(String body) {
		List<Event> events = new ArrayList<>();
		String name = "message";
		StringBuilder data = null;
		for (String line : body.split("\r?\n", -1)) {
			if (line.isEmpty()) {
				if (data != null) {
					events.add(new Event(name, data.toString()));
				}
				name = "message";
				data = null;
			}
			else if (line.startsWith("event:")) {
				name = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				String value = line.substring(5);
				value = value.startsWith(" ") ? value.substring(1) : value;
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
		if (data != null) {
			events.add(new Event(name, data.toString()));
		}
		return events;
	}

}
