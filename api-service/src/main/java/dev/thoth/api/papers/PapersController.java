package dev.thoth.api.papers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.ReferenceView;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The library, read side: a paged list of papers with filters, one paper with its
 * provenance, its parsed reference list and its note.
 */
@RestController
@RequestMapping("/api/v1/papers")
class PapersController {

	private final PaperRepository papers;

	private final PaperReferenceRepository references;

	private final PaperListing listing;

	private final LibraryFiles files;

	private final PaperViews views;

	PapersController(PaperRepository papers, PaperReferenceRepository references, PaperListing listing,
			LibraryFiles files, PaperViews views) {
		this.papers = papers;
		this.references = references;
		this.listing = listing;
		this.files = files;
		this.views = views;
	}

	@GetMapping(produces = "application/json")
	@Operation(summary = "List papers, filtered and sorted",
			description = "Every filter given must hold. q finds words in the title, the abstract or an author's "
					+ "name, case-insensitively, always as plain text. Newest first unless sort says otherwise.")
	@ApiResponse(responseCode = "200", description = "A page of papers")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	PageResponse<PaperSummary> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@Parameter(description = "Words in the title, abstract or an author's name") @RequestParam(
					required = false) @Size(max = 500) String q,
			@Parameter(description = "A tag name, exactly") @RequestParam(required = false) @Size(max = 200) String tag,
			@Parameter(description = "Part of an author's name") @RequestParam(required = false) @Size(
					max = 200) String author,
			@RequestParam(required = false) @Min(0) @Max(9999) Integer yearFrom,
			@RequestParam(required = false) @Min(0) @Max(9999) Integer yearTo,
			@Parameter(
					schema = @Schema(allowableValues = { "PENDING", "PROCESSING", "READY", "FAILED" })) @RequestParam(
							required = false) String status,
			@Parameter(description = "A key and an optional direction (default asc), e.g. year,desc",
					schema = @Schema(allowableValues = { "createdAt", "createdAt,asc", "createdAt,desc", "year",
							"year,asc", "year,desc", "title", "title,asc", "title,desc" })) @RequestParam(
									required = false) String sort) {
		// yearFrom after yearTo is a valid, empty range: the document cannot forbid it.
		PaperFilter filter = new PaperFilter(PaperFilter.text(q), PaperFilter.text(tag), PaperFilter.text(author),
				yearFrom, yearTo, PaperFilter.parseStatus(status), PaperFilter.Sort.parse(sort));
		return this.listing.papers(filter, page, size);
	}

	@GetMapping(path = "/{id}", produces = "application/json")
	@Transactional(readOnly = true)
	@Operation(summary = "One paper, with the source and confidence of each metadata field")
	@ApiResponse(responseCode = "200", description = "The paper")
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	PaperDetails get(@PathVariable UUID id) {
		Paper paper = this.papers.findWithDetailsById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
		return this.views.details(paper);
	}

	@GetMapping(path = "/{id}/references", produces = "application/json")
	@Transactional(readOnly = true)
	@Operation(summary = "The paper's reference list, in printed order, each entry with the library paper it "
			+ "resolves to and the provenance (source, confidence) of each field an online lookup filled or corrected")
	@ApiResponse(responseCode = "200", description = "A page of references")
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	PageResponse<ReferenceView> references(@PathVariable UUID id,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		Paper paper = existing(id);
		Page<PaperReference> result = this.references.findByPaperIdOrderByPosition(paper.getId(),
				PageRequest.of(page, size));
		return new PageResponse<>(ReferenceViews.of(result.getContent(), this.papers), page, size,
				result.getTotalElements(), result.getTotalPages());
	}

	/** The paper's markdown note, as the PDF monitor last wrote it. */
	@GetMapping(path = "/{id}/note", produces = "text/markdown")
	@Operation(summary = "The paper's markdown note, as the PDF monitor last wrote it")
	@ApiResponse(responseCode = "200", description = "The note")
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper, or no note yet",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> note(@PathVariable UUID id) throws IOException {
		Paper paper = existing(id);
		// Only a file inside the workspace's notes/ folder is served, whatever the row
		// says.
		Path note = this.files.note(paper.getNotePath())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Paper " + id + " has no note yet"));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
			.body(Files.readString(note, StandardCharsets.UTF_8));
	}

	private Paper existing(UUID id) {
		return this.papers.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
	}

}
