package dev.thoth.api.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A 400 for a value that bean validation cannot judge (a cron expression, a normalised
 * name): it names the field in the detail and in the errors list, in the shape the
 * platform gives validation failures.
 */
public class InvalidFieldException extends ResponseStatusException {

	public InvalidFieldException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, field + ": " + message);
		getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
	}

}
