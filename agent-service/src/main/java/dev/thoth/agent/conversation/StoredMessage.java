package dev.thoth.agent.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One message of a session: the user's, or the agent's reply with the tool calls it made
 * and the citations it used (JSON, as the chat returned them).
 */
public record StoredMessage(UUID id, int position, String role, String content, JsonNode toolCalls, JsonNode citations,
		OffsetDateTime createdAt) {

	public static final String USER = "user";

	public static final String ASSISTANT = "assistant";

}
