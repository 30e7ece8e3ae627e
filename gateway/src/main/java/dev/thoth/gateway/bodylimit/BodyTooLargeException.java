package dev.thoth.gateway.bodylimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** A request body over the gateway's limit, found while it streamed. */
public class BodyTooLargeException extends ResponseStatusException {

	public BodyTooLargeException(String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, detail);
	}

	/**
	 * A body refused part-way leaves the connection in the middle of a request: the
	 * client must not send another on it (a test client that did waited for an answer
	 * that never came). The server then lingers, reading and dropping what the client
	 * still sends, so the answer is not lost to a reset.
	 */
	public static void closeConnectionAfterAnswer(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

}
