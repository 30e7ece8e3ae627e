package dev.thoth.clients.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tag's new name for {@code PATCH /api/v1/tags/{id}}. The API trims it, collapses its
 * whitespace and lower-cases it; the result must be 1 to 100 characters.
 */
public record TagRename(@NotNull @Size(min = 1, max = 200) @Pattern(regexp = PATTERN,
		message = "must have a visible character and none of / \\ ; % , or control characters") String name) {

	/**
	 * A visible character and none that a path segment cannot carry (in Java, JavaScript
	 * and Python).
	 */
	public static final String PATTERN = "^[^/\\\\;%,\\x00-\\x1F\\x7F]*[^\\s/\\\\;%,\\x00-\\x1F\\x7F][^/\\\\;%,\\x00-\\x1F\\x7F]*$";

}
