package dev.thoth.api.tags;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A rename to the name of another tag: a 409 that says how to merge the two instead. */
class TagNameTakenException extends ResponseStatusException {

	TagNameTakenException(String name, UUID existing, UUID renamed) {
		super(HttpStatus.CONFLICT,
				"name: a tag named '" + name + "' exists already (" + existing
						+ "); to combine the two, merge: POST /api/v1/tags/" + renamed + "/merge {\"into\": \""
						+ existing + "\"}");
		getBody().setProperty("existingTagId", existing);
	}

}
