package dev.thoth.agent.tools;

/**
 * Who asked: the API key and request id of the chat request, passed on to every MCP call
 * so the library sees the caller's own key.
 */
public record Caller(String apiKey, String requestId) {
}
