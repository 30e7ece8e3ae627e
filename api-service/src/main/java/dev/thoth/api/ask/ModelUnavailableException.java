package dev.thoth.api.ask;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The configured model failed or timed out: a 502 naming it, not a generic 500. */
class ModelUnavailableException extends ResponseStatusException {

	ModelUnavailableException(String model, Throwable cause) {
		super(HttpStatus.BAD_GATEWAY, "The language model " + model + " did not answer: " + cause.getMessage(), cause);
	}

}
