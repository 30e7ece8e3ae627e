package dev.thoth.agent.turn;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A message to a session that does not exist (or was deleted). */
public class UnknownSessionException extends ResponseStatusException {

	public UnknownSessionException(UUID id) {
		super(HttpStatus.NOT_FOUND, "No session " + id + ".");
	}

}
