package dev.thoth.discovery.results;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.dedup.WorkKeys;
import dev.thoth.discovery.store.ResultStatus;
import dev.thoth.discovery.store.Results;
import dev.thoth.discovery.store.StoredResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/** What the queries found, the researcher's feedback on it, and the feed of the best. */
@RestController
@Validated
@RequestMapping(path = "/discovery", produces = MediaType.APPLICATION_JSON_VALUE)
class ResultsController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final Results results;

	private final Feedback feedback;

	private final ResearchQueriesClient queries;

	ResultsController(Results results, Feedback feedback, ResearchQueriesClient queries) {
		this.results = results;
		this.feedback = feedback;
		this.queries = queries;
	}

	@GetMapping("/results")
	@Operation(summary = "Results, best first",
			description = "Filtered by queryId, minScore (0 to 1) and status (new, accepted, rejected, downloaded, "
					+ "in_library). Each has its score, its explanation, the sources that returned it, its ids "
					+ "and its PDF URL.")
	@ApiResponse(responseCode = "200", description = "A page of results")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	PageResponse<ResultView> list(@RequestParam(required = false) UUID queryId,
			@RequestParam(required = false) @DecimalMin("0") @DecimalMax("1") Double minScore,
			@Parameter(description = "new, accepted, rejected, downloaded or in_library") @RequestParam(
					required = false) String status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		ResultStatus wanted = null;
		if (status != null) {
			wanted = ResultStatus.of(status)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"status: must be one of new, accepted, rejected, downloaded, in_library"));
		}
		long total = this.results.count(queryId, minScore, wanted);
		List<ResultView> items = this.results.page(queryId, minScore, wanted, page, size)
			.stream()
			.map(ResultView::of)
			.toList();
		return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
	}

	@GetMapping("/results/{id}")
	@Operation(summary = "One result")
	@ApiResponse(responseCode = "200", description = "The result")
	@ApiResponse(responseCode = "404", description = "No such result",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResultView get(@PathVariable UUID id) {
		return this.results.get(id)
			.map(ResultView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No discovery result with id " + id));
	}

	@PostMapping("/results/{id}/accept")
	@Operation(summary = "Accept a result: its PDF goes into the library",
			description = "The PDF is downloaded and handed to the API (status downloaded, then in_library once the "
					+ "PDF monitor has ingested it); a retracted result, or one without a PDF, stays accepted with "
					+ "the reason in downloadError. The query's classifier learns from it.")
	@ApiResponse(responseCode = "200", description = "The result, accepted")
	@ApiResponse(responseCode = "404", description = "No such result",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResultView accept(@PathVariable UUID id) {
		return ResultView.of(this.feedback.accept(id));
	}

	@PostMapping("/results/{id}/reject")
	@Operation(summary = "Reject a result", description = "The query's classifier learns from it.")
	@ApiResponse(responseCode = "200", description = "The result, rejected")
	@ApiResponse(responseCode = "404", description = "No such result",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Its PDF is in the library already",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResultView reject(@PathVariable UUID id) {
		return ResultView.of(this.feedback.reject(id));
	}

	@GetMapping("/feed")
	@Operation(summary = "The best new papers of the last days, across every query",
			description = "Results found in the last days (default 7) that score at least their query's minRelevance, "
					+ "not rejected and not already in the library; a paper several queries found appears once.")
	@ApiResponse(responseCode = "200", description = "The feed, best first")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	List<ResultView> feed(@RequestParam(defaultValue = "7") @Min(1) @Max(365) int days,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		Map<UUID, Double> thresholds = thresholds();
		Set<String> seen = new HashSet<>();
		List<ResultView> feed = new ArrayList<>();
		for (StoredResult result : this.results.foundSince(Instant.now().minus(Duration.ofDays(days)), 1000)) {
			Double threshold = thresholds.get(result.queryId());
			List<String> keys = WorkKeys.of(result.ids(), result.title(), result.authors(), result.year());
			// A deleted query's results are no longer wanted.
			if (threshold == null || result.score() < threshold || keys.stream().anyMatch(seen::contains)) {
				continue;
			}
			seen.addAll(keys);
			feed.add(ResultView.of(result));
			if (feed.size() >= limit) {
				break;
			}
		}
		return feed;
	}

	/** Each query's minRelevance, from the API. */
	private Map<UUID, Double> thresholds() {
		Map<UUID, Double> thresholds = new HashMap<>();
		try {
			for (int page = 0;; page++) {
				PageResponse<ResearchQueryView> answer = this.queries.list(null, page, 100);
				answer.items().forEach((query) -> thresholds.put(query.id(), query.minRelevance()));
				if (page + 1 >= answer.totalPages()) {
					return thresholds;
				}
			}
		}
		catch (RestClientException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The API, which holds the research queries, cannot be reached: " + ex.getMessage());
		}
	}

}
