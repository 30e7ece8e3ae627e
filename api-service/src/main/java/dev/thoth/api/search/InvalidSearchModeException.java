package dev.thoth.api.search;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A mode other than hybrid, lexical or semantic: a 400 that names the parameter. */
class InvalidSearchModeException extends ResponseStatusException {

	InvalidSearchModeException(String mode) {
		super(HttpStatus.BAD_REQUEST, "mode: must be one of hybrid, lexical, semantic (was '" + mode + "')");
	}

}
