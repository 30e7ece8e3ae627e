package dev.thoth.api.papers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.FieldProvenance;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.ReferenceView;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
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
 * The library, read side: a paged list of papers, one paper with its provenance, its
 * parsed reference list and its note.
 */
@RestController
@RequestMapping("/api/v1/papers")
class PapersController {

	private final PaperRepository papers;

	private final PaperReferenceRepository references;

	PapersController(PaperRepository papers, PaperReferenceRepository references) {
		this.papers = papers;
		this.references = references;
	}

	@GetMapping
	@Transactional(readOnly = true)
	PageResponse<PaperSummary> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		Page<Paper> result = this.papers
			.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"))));
		return new PageResponse<>(result.map(PapersController::summary).getContent(), page, size,
				result.getTotalElements(), result.getTotalPages());
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	PaperDetails get(@PathVariable UUID id) {
		Paper paper = this.papers.findWithDetailsById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
		Map<String, FieldProvenance> provenance = paper.getFieldSources()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> new FieldProvenance(entry.getValue().source(), entry.getValue().confidence())));
		return new PaperDetails(paper.getId(), paper.getTitle(), authors(paper), paper.getYear(), paper.getDoi(),
				paper.getArxivId(), paper.getVenue(), paper.getAbstractText(), paper.getKeywords(),
				paper.getPageCount(), paper.getStatus().name(), paper.getContentSha256(), provenance,
				paper.getCreatedAt(), paper.getUpdatedAt());
	}

	@GetMapping("/{id}/references")
	@Transactional(readOnly = true)
	PageResponse<ReferenceView> references(@PathVariable UUID id,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		Paper paper = existing(id);
		Page<PaperReference> result = this.references.findByPaperIdOrderByPosition(paper.getId(),
				PageRequest.of(page, size));
		Map<UUID, String> resolvedTitles = new HashMap<>();
		this.papers
			.findAllById(result.stream().map(PaperReference::getResolvedPaperId).filter(Objects::nonNull).toList())
			.forEach((resolved) -> resolvedTitles.put(resolved.getId(), resolved.getTitle()));
		return new PageResponse<>(result
			.map((reference) -> new ReferenceView(reference.getPosition(), reference.getRaw(), reference.getTitle(),
					reference.getAuthors(), reference.getYear(), reference.getVenue(), reference.getDoi(),
					reference.getArxivId(), reference.getCitedOnPages(),
					(reference.getResolvedPaperId() != null) ? new ReferenceView.ResolvedPaper(
							reference.getResolvedPaperId(), resolvedTitles.get(reference.getResolvedPaperId())) : null))
			.getContent(), page, size, result.getTotalElements(), result.getTotalPages());
	}

	/** The paper's markdown note, as the PDF monitor last wrote it. */
	@GetMapping(path = "/{id}/note", produces = "text/markdown")
	ResponseEntity<String> note(@PathVariable UUID id) throws IOException {
		Paper paper = existing(id);
		if (paper.getNotePath() == null || !Files.isRegularFile(Path.of(paper.getNotePath()))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Paper " + id + " has no note yet");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
			.body(Files.readString(Path.of(paper.getNotePath()), StandardCharsets.UTF_8));
	}

	private Paper existing(UUID id) {
		return this.papers.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
	}

	private static PaperSummary summary(Paper paper) {
		return new PaperSummary(paper.getId(), paper.getTitle(), authors(paper), paper.getYear(), paper.getDoi(),
				paper.getStatus().name());
	}

	private static java.util.List<AuthorName> authors(Paper paper) {
		return paper.getAuthors().stream().map(AuthorName::new).toList();
	}

}
