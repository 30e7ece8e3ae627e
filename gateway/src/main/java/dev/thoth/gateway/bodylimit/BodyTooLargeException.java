package dev.thoth.gateway.bodylimit;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request body over the gateway's limit, found while it streamed. */
public class BodyTooLargeException extends ResponseStatusException {

	public BodyTooLargeException(String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, detail);
	}

}
