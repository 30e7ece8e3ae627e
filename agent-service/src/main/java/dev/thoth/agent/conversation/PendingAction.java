package dev.thoth.agent.conversation;

import java.util.Map;

/** A destructive tool call waiting for the user's confirmation. */
public record PendingAction(String tool, Map<String, Object> arguments) {
}
