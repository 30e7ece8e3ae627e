package dev.thoth.api.search;

import java.util.List;
import java.util.UUID;

import dev.thoth.api.web.NumberParameters;
import dev.thoth.clients.api.SearchResults;
import dev.thoth.platform.input.InputRules;
import dev.thoth.vectorstore.InvalidSearchQueryException;
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

	private final HitPapers papers;

	SearchController(SearchService search, HitPapers papers) {
		this.search = search;
		this.papers = papers;
	}

	static final String QUERY_LANGUAGE = "What to look for. Plain words (any may match; more matches rank higher), "
			+ "and: \"a phrase\" (those words in that order), -word or -\"a phrase\" (passages holding it are left out), "
			+ "title:word or title:\"a phrase\" (papers whose title holds it), author:name or author:\"ada lovelace\" "
			+ "(papers with such an author), year:2019, year:2019..2021, year:2019.., year:..2021 (papers of those years). "
			+ "Words are stemmed (English), stop words left out, numbers kept whole, a hyphenated word searched as its "
			+ "phrase, Greek letters as their names. Anything else is text. A query that breaks these rules "
			+ "(year:abc, a field without a value, only filters or exclusions) is a 400 saying what is wrong.";

	@GetMapping
	@Operation(summary = "Find passages by words, meaning, or both",
			description = "lexical ranks by BM25 over the passage, its section heading and its paper's title; semantic by "
					+ "embedding similarity (approximate nearest neighbours, cosines computed exactly); hybrid fuses both "
					+ "(equal weights on scores normalised per ranking). Filters (paperId, tag, and the query's title:, "
					+ "author:, year: and -exclusions) apply inside both searches. 503 with Retry-After while a new "
					+ "replica builds its first index. A hit from a retracted, withdrawn or corrected paper, or one "
					+ "under an expression of concern, carries the notice as retraction.")
	SearchResults search(
			@Parameter(description = QUERY_LANGUAGE,
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
		// Titles and notices are read fresh: a paper retitled or retracted a moment ago
		// shows so in a cached search.
		try {
			return this.papers.complete(this.search.search(q.strip(), k, parse(mode), filters));
		}
		catch (InvalidSearchQueryException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "q: " + ex.getMessage());
		}
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
