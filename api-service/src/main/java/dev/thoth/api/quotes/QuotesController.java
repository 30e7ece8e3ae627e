package dev.thoth.api.quotes;

import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.clients.api.QuoteMatches;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a quoted sentence comes from: paper, page and a link to that page. */
@RestController
class QuotesController {

	private static final int MIN_WORDS = 3;

	private final QuoteFinder finder;

	QuotesController(QuoteFinder finder) {
		this.finder = finder;
	}

	@GetMapping(path = "/api/v1/quotes", produces = "application/json")
	@Operation(summary = "Find the paper and page a quote comes from",
			description = "Matches the text word by word against every stored page (case, punctuation and line "
					+ "breaks aside): exact matches first, then pages holding most of its words in order. Each match "
					+ "links to its page of the PDF.")
	@ApiResponse(responseCode = "200", description = "The pages holding the quote, best first (none: empty)")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	QuoteMatches find(
			@Parameter(description = "The quote, at least 3 words",
					example = "stomata close at night") @RequestParam @Size(max = 2000) String text,
			@RequestParam(defaultValue = "5") @Min(1) @Max(20) int k) {
		if (QuoteFinder.words(text).size() < MIN_WORDS) {
			throw new InvalidFieldException("text", "give at least " + MIN_WORDS + " words of the quote");
		}
		return new QuoteMatches(text, this.finder.find(text, k));
	}

}
