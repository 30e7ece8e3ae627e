package dev.thoth.api.queries;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Research query names are unique: a 409 naming the field. */
class QueryNameTakenException extends ResponseStatusException {

	QueryNameTakenException(String name) {
		super(HttpStatus.CONFLICT, "name: a research query named '" + name + "' exists already");
	}

}
