package dev.thoth.api.web;

import java.util.Comparator;
import java.util.Set;

import dev.thoth.clients.api.DiscoveryOrigin;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The discovery origin of an upload, a job and a paper: read from the upload's
 * {@code origin} part (strictly: a bad one is a 400 naming the field), stored as JSON on
 * the job, which the PDF monitor carries on to the paper, and read back for both.
 */
@Component
public class DiscoveryOrigins {

	/** A part larger than this is no origin. */
	private static final int MAX_LENGTH = 4096;

	private final JsonMapper json;

	private final Validator validator;

	DiscoveryOrigins(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	/** The upload's {@code origin} part, checked; null when there is none. */
	public DiscoveryOrigin fromPart(String part) {
		if (part == null || part.isBlank()) {
			return null;
		}
		if (part.length() > MAX_LENGTH) {
			throw new InvalidFieldException("origin", "must be at most " + MAX_LENGTH + " characters of JSON");
		}
		DiscoveryOrigin origin;
		try {
			origin = this.json.readValue(part, DiscoveryOrigin.class);
		}
		catch (JacksonException ex) {
			throw new InvalidFieldException("origin",
					"must be a JSON object {resultId, queryId, sources, ids} (" + ex.getOriginalMessage() + ")");
		}
		if (origin == null) {
			throw new InvalidFieldException("origin", "must be a JSON object");
		}
		Set<ConstraintViolation<DiscoveryOrigin>> violations = this.validator.validate(origin);
		violations.stream()
			.min(Comparator.comparing((violation) -> violation.getPropertyPath().toString()))
			.ifPresent((violation) -> {
				// "sources[0].<list element>" is the element itself: "sources[0]".
				String path = violation.getPropertyPath().toString().replace(".<list element>", "");
				throw new InvalidFieldException("origin." + path, violation.getMessage());
			});
		return origin;
	}

	public String toJson(DiscoveryOrigin origin) {
		return (origin != null) ? this.json.writeValueAsString(origin) : null;
	}

	/** A stored origin; null when there is none (or it cannot be read any more). */
	public DiscoveryOrigin fromJson(String stored) {
		if (stored == null) {
			return null;
		}
		try {
			return this.json.readValue(stored, DiscoveryOrigin.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
