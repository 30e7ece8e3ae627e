package dev.thoth.discovery.runs;

import java.net.URI;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueriesClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/** Runs of research queries: started by hand, and followed. */
@RestController
@Validated
@RequestMapping(path = "/discovery", produces = MediaType.APPLICATION_JSON_VALUE)
class RunsController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final ResearchQueriesClient queries;

	private final RunQueue queue;

	private final RunWorker worker;

	RunsController(ResearchQueriesClient queries, RunQueue queue, RunWorker worker) {
		this.queries = queries;
		this.queue = queue;
		this.worker = worker;
	}

	/** A queued run and where to follow it. */
	record RunAccepted(UUID runId, Links links) {

		record Links(String run) {
		}

	}

	@PostMapping("/queries/{id}/run")
	@Operation(summary = "Run a research query now",
			description = "Queues a run of the query (defined through the API) and answers at once; the query's run "
					+ "already queued or running, if any, is the answer instead. Follow it at /discovery/runs/{runId}.")
	@ApiResponse(responseCode = "202", description = "Queued")
	@ApiResponse(responseCode = "404", description = "No such research query",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "The API, which owns the queries, cannot be reached",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<RunAccepted> run(@PathVariable UUID id) {
		try {
			this.queries.get(id);
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No research query with id " + id);
		}
		catch (RestClientException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The API, which holds the research queries, cannot be reached: " + ex.getMessage());
		}
		UUID runId = this.queue.enqueueManual(id);
		this.worker.wake();
		String link = "/discovery/runs/" + runId;
		return ResponseEntity.accepted()
			.location(URI.create(link))
			.body(new RunAccepted(runId, new RunAccepted.Links(link)));
	}

	@GetMapping("/runs")
	@Operation(summary = "Runs, newest first",
			description = "queryId: one query's runs. A scheduled run names the due time it ran for (scheduledFor): "
					+ "each due time has one run, however many replicas there are.")
	@ApiResponse(responseCode = "200", description = "A page of runs")
	PageResponse<RunView> list(@RequestParam(required = false) UUID queryId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.queue.list(queryId, page, size);
	}

	@GetMapping("/runs/{runId}")
	@Operation(summary = "A run: its status and what each source did",
			description = "status: queued, running, completed or failed (with the error). For each source: status "
					+ "(ok, failed, not_configured), fetched, newResults, duplicates, downloaded, errors with their "
					+ "reasons, and rateLimitWaitMs, the time spent waiting for its rate limit.")
	@ApiResponse(responseCode = "200", description = "The run")
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	RunView get(@PathVariable UUID runId) {
		return this.queue.view(runId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run with id " + runId));
	}

}
