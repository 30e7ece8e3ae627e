package dev.thoth.api.papers;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.FieldProvenance;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The library, read side: a paged list of papers and one paper with its provenance. */
@RestController
@RequestMapping("/api/v1/papers")
class PapersController {

	private final PaperRepository papers;

	PapersController(PaperRepository papers) {
		this.papers = papers;
	}

	@GetMapping
	@Transactional(readOnly = true)
	PageResponse<PaperSummary> list(@RequestParam(defaultValue = "0") @Min(0) int page,
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

	private static PaperSummary summary(Paper paper) {
		return new PaperSummary(paper.getId(), paper.getTitle(), authors(paper), paper.getYear(), paper.getDoi(),
				paper.getStatus().name());
	}

	private static java.util.List<AuthorName> authors(Paper paper) {
		return paper.getAuthors().stream().map(AuthorName::new).toList();
	}

}
