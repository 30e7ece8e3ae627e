package dev.thoth.api.search;

import java.util.List;
import java.util.UUID;

import dev.thoth.api.retractions.Retractions;
import dev.thoth.api.web.NumberParameters;
import dev.thoth.clients.api.SearchResults;
import dev.thoth.platform.input.InputRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping(path = "/api/v1/search", produces = "application/json")
class SearchController {

	private final SearchService search;

	private final Retractions retractions;

	SearchController(SearchService search, Retractions retractions) {
		this.search = search;
		this.retractions = retractions;
	}

	@GetMapping
	@Operation(summary = "Find passages by words, meaning, or both",
			description = "Hybrid fuses full-text ranking with embedding similarity (equal weights on scores normalised per ranking). "
					+ "The query is always treated as text. A hit from a retracted, withdrawn or corrected paper, or one "
					+ "under an expression of concern, carries the notice as retraction.")
	SearchResults search(
			@Parameter(description = "What to look for, as plain text",
					schema = @io.swagger.v3.oas.annotations.media.Schema(minLength = 1, maxLength = 1000,
							pattern = "\\S")) @RequestParam("q") @Size(max = 1000) String q,
			@RequestParam(defaultValue = "10") @Min(1) @Max(50) int k,
			@Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(
					allowableValues = { "hybrid", "lexical", "semantic" })) @RequestParam(
							defaultValue = "hybrid") String mode,
			@RequestParam(name = "paperId", required = false) @Size(max = 100) List<UUID> paperId,
			@Parameter(
					description = "Papers with this tag; repeat it for papers with every one of the tags") @RequestParam(
							name = "tag", required = false) @Size(max = 20) List<@Size(max = 200) String> tag,
			@Parameter(description = "Papers with an author whose name contains this") @RequestParam(
					required = false) @Size(max = 200) String author,
			@Parameter(description = "Papers published in or after this year") @RequestParam(
					required = false) @Min(0) @Max(9999) Integer yearFrom,
			@Parameter(description = "Papers published in or before this year") @RequestParam(
					required = false) @Min(0) @Max(9999) Integer yearTo,
			@Parameter(description = "Papers whose venue contains this") @RequestParam(required = false) @Size(
					max = 200) String venue,
			HttpServletRequest request) {
		NumberParameters.requireNumbers(request, "yearFrom", "yearTo");
		if (!InputRules.hasVisibleCharacter(q)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"q: must contain a letter, digit or symbol, not only blanks or invisible characters");
		}
		SearchFilters filters = new SearchFilters((paperId == null) ? List.of() : paperId,
				(tag == null) ? List.of() : tag.stream().map(SearchController::text).filter((t) -> t != null).toList(),
				text(author), yearFrom, yearTo, text(venue));
		// Notices are read fresh: a paper retracted a moment ago shows so in a cached
		// search.
		return this.retractions.annotate(this.search.search(q.strip(), k, parse(mode), filters));
	}

	/** Blank is no filter; PostgreSQL cannot hold NUL, so it goes. */
	private static String text(String value) {
		if (value == null) {
			return null;
		}
		String text = value.replace("\u0000", "").strip();
		return text.isEmpty() ? null : text;
	}

	private static SearchMode parse(String mode) {
		for (SearchMode candidate : SearchMode.values()) {
			if (candidate.value().equals(mode)) {
				return candidate;
			}
		}
		throw new InvalidSearchModeException(mode);
	}

}
