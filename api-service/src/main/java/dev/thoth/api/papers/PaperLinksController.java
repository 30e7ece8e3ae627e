package dev.thoth.api.papers;

import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.CitingPaper;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.RelatedPaper;
import dev.thoth.domain.papers.PaperRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** How a paper connects to the rest of the library: who cites it, what is related. */
@RestController
@RequestMapping(path = "/api/v1/papers", produces = "application/json")
class PaperLinksController {

	private final PaperRepository papers;

	private final PaperListing listing;

	private final RelatedPapers related;

	PaperLinksController(PaperRepository papers, PaperListing listing, RelatedPapers related) {
		this.papers = papers;
		this.listing = listing;
		this.related = related;
	}

	@GetMapping("/{id}/cited-by")
	@Operation(summary = "The library papers that cite this paper",
			description = "One item per citing reference entry, with its position in the citing paper's reference "
					+ "list; newest citing paper first.")
	@ApiResponse(responseCode = "200", description = "A page of citing papers")
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	PageResponse<CitingPaper> citedBy(@PathVariable UUID id,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		if (!this.papers.existsById(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id);
		}
		return this.listing.citing(id, page, size);
	}

	@GetMapping("/{id}/related")
	@Operation(summary = "Papers related to this one, by text and by shared references",
			description = "Text: passages similar to the paper's title and abstract. Shared references "
					+ "(bibliographic coupling): entries for the same work in both reference lists. Each paper "
					+ "says why it is related; the score is comparable only within one response.")
	@ApiResponse(responseCode = "200", description = "The most related papers, most related first")
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "The vector store is unavailable",
			content = @Content(mediaType = "application/problem+json"))
	List<RelatedPaper> related(@PathVariable UUID id, @RequestParam(defaultValue = "10") @Min(1) @Max(50) int k) {
		return this.related.related(id, k)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
	}

}
