package dev.thoth.api.queries;

import java.net.URI;
import java.util.UUID;

import dev.thoth.clients.api.LastRun;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueryRequest;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The research queries the discovery service runs; the API is where they are defined. */
@RestController
@RequestMapping(path = "/api/v1/research-queries", produces = MediaType.APPLICATION_JSON_VALUE)
class ResearchQueriesController {

	private static final String DEFINITION = "At least one keyword, category or author; up to 50 of each. "
			+ "sources: any of arxiv, semantic_scholar, pubmed, crossref, openalex, biorxiv (none: all of them). "
			+ "maxResults 1 to 500 (default 50). schedule: a Spring cron expression with six fields (second minute "
			+ "hour day month weekday) or @hourly, @daily (default), @weekly, @monthly; at most every 5 minutes (THOTH_RESEARCH_QUERY_MIN_INTERVAL). "
			+ "enabled defaults to true. minRelevance 0 to 1 (default 0.5): results scoring at least this are "
			+ "relevant (the feed, automatic downloads). autoDownload (default false): a run downloads every new "
			+ "relevant result into the library. A date window: lastDays (1 to 3650), or from and/or to (ISO dates, "
			+ "from not after to); not both.";

	private final ResearchQueriesService queries;

	ResearchQueriesController(ResearchQueriesService queries) {
		this.queries = queries;
	}

	@GetMapping
	@Operation(summary = "List research queries by name", description = "enabled=true: only those to run.")
	PageResponse<ResearchQueryView> list(@RequestParam(required = false) Boolean enabled,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.queries.list(enabled, page, size);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Define a research query", description = DEFINITION)
	@ApiResponse(responseCode = "201", description = "Created",
			headers = @Header(name = "Location", description = "The new query's address",
					schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "409", description = "A query with that name exists",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<ResearchQueryView> create(@Valid @RequestBody ResearchQueryRequest request) {
		ResearchQueryView created = this.queries.create(request);
		return ResponseEntity.created(URI.create("/api/v1/research-queries/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One research query")
	@ApiResponse(responseCode = "200", description = "The query")
	@ApiResponse(responseCode = "404", description = "No such query",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResearchQueryView get(@PathVariable UUID id) {
		return this.queries.get(id);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Replace a research query's definition",
			description = "Fields left out take their defaults. " + DEFINITION)
	@ApiResponse(responseCode = "200", description = "The new definition")
	@ApiResponse(responseCode = "404", description = "No such query",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Another query has that name",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResearchQueryView replace(@PathVariable UUID id, @Valid @RequestBody ResearchQueryRequest request) {
		return this.queries.replace(id, request);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a research query")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such query",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	void delete(@PathVariable UUID id) {
		this.queries.delete(id);
	}

	@PutMapping(path = "/{id}/last-run", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Record that the discovery service ran the query",
			description = "The last run only moves forward: an earlier time than the recorded one changes nothing.")
	@ApiResponse(responseCode = "200", description = "The query with its last run")
	@ApiResponse(responseCode = "404", description = "No such query",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResearchQueryView recordRun(@Parameter(description = "The query's id") @PathVariable UUID id,
			@Valid @RequestBody LastRun run) {
		return this.queries.recordRun(id, run.at());
	}

	/** Two requests gave two queries the same name at once: the second is told so. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> concurrentChange(HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.CONFLICT, "name: a research query with that name was created meanwhile",
					request.getRequestURI()));
	}

}
