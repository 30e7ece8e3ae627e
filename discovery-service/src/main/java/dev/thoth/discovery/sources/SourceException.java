package dev.thoth.discovery.sources;

/**
 * A source that could not answer: unreachable, timing out, rate limiting beyond the
 * longest wait, answering an error, or answering something that is not its format.
 */
public class SourceException extends Exception {

	private final String reason;

	/**
	 * @param reason a short category for metrics: timeout, unreachable, rate_limited,
	 * server_error, client_error, malformed, circuit_open
	 * @param message what happened, for the run's report
	 */
	public SourceException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	public SourceException(String reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
