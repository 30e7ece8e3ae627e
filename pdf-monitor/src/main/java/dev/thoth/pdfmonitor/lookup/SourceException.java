package dev.thoth.pdfmonitor.lookup;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.thoth.platform.http.DownstreamUnavailableException;

import org.springframework.web.client.ResourceAccessException;

/**
 * A bibliographic source (CrossRef, OpenAlex) did not answer usefully: unreachable, too
 * slow, or an error status. Unchecked, as it is thrown from inside a RestClient's
 * exchange function.
 */
class SourceException extends RuntimeException {

	SourceException(String message) {
		super(message);
	}

	SourceException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Why a source could not be reached, in words: a connect or read timeout, the
	 * platform's retries spent or its circuit breaker open, or the I/O error itself.
	 */
	static String unreachable(String source, ResourceAccessException ex, Duration connectTimeout,
			Duration readTimeout) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpConnectTimeoutException) {
				return source + " did not accept a connection within " + connectTimeout;
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return source + " did not answer within " + readTimeout;
			}
			if (cause instanceof DownstreamUnavailableException unavailable) {
				// Retried already, or the circuit is open after repeated failures.
				String prefix = unavailable.target() + " is unavailable: ";
				String message = unavailable.getMessage();
				return source + " is unavailable: "
						+ (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
			}
		}
		IOException io = (ex.getCause() instanceof IOException cause) ? cause : null;
		return source + " could not be reached: " + ((io != null) ? io : ex.getMessage());
	}

}
