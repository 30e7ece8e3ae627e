package dev.thoth.mcp.caller;

import java.util.Optional;

/**
 * Who a tool works for: the API key the MCP client presented and its request id, passed
 * on to the API on every call the tool makes. In stdio mode there is no caller key: the
 * configured one is used.
 *
 * @param apiKey the caller's key, or null to use the configured key
 * @param requestId the request id to pass on
 * @param progress where the tool may report progress (a no-op where the transport cannot
 * carry it)
 */
public record Caller(String apiKey, String requestId, Progress progress) {

	public static final ScopedValue<Caller> CURRENT = ScopedValue.newInstance();

	public static Optional<Caller> current() {
		return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
	}

	/**
	 * Progress of a long tool call, for the client that asked for it with a progress
	 * token.
	 */
	@FunctionalInterface
	public interface Progress {

		Progress NONE = (done, total, message) -> {
		};

		void report(double done, Double total, String message);

	}

}
