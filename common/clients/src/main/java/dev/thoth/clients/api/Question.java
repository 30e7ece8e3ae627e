package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A question for {@code POST /api/v1/ask}.
 *
 * @param question what to answer, from the library only
 * @param k how many passages to read (default 6)
 * @param paperIds only these papers, if given
 * @param tags only papers with any of these tags, if given
 */
public record Question(
		@Schema(description = "What to answer, from the library only", minLength = 1, maxLength = 2000,
				pattern = "\\S") @NotNull @Size(max = 2000) String question,
		@Min(1) @Max(20) Integer k, @Size(max = 100) List<UUID> paperIds,
		@Size(max = 20) List<@Size(max = 200) String> tags) {

	public Question(String question) {
		this(question, null, null, null);
	}

}
