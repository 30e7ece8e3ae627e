package dev.thoth.api.tags;

import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.TagSuggestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Tags that would fit a paper. */
@RestController
class TagSuggestionsController {

	private final TagSuggestions suggestions;

	TagSuggestionsController(TagSuggestions suggestions) {
		this.suggestions = suggestions;
	}

	@GetMapping(path = "/api/v1/papers/{paperId}/tag-suggestions", produces = "application/json")
	@Operation(summary = "Tags that fit the paper and it does not carry yet",
			description = "The tags of the most related papers (by text and shared references), weighted by how "
					+ "related each is, and the paper's keywords (an existing tag, or a new one: tagId null); each "
					+ "with its reasons, best first.")
	@ApiResponse(responseCode = "200", description = "The suggestions, best first")
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	List<TagSuggestion> suggest(@PathVariable UUID paperId, @RequestParam(defaultValue = "10") @Min(1) @Max(50) int k) {
		return this.suggestions.suggest(paperId, k)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + paperId));
	}

}
