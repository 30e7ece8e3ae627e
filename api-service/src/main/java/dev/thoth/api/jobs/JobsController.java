package dev.thoth.api.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.web.DiscoveryOrigins;
import dev.thoth.clients.api.JobDetails;
import dev.thoth.clients.api.JobSummary;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.domain.jobs.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Ingestion and re-processing jobs as the PDF monitors record them: the durable side of
 * the live progress at {@code /api/v1/events}.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobsController {

	/** The pipeline's stages in the order they run. */
	private static final String STAGE_ORDER = "array['inspect', 'text', 'metadata', 'lookup', 'references', 'file', "
			+ "'graph', 'analysis', 'note', 'chunks']";

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final JdbcClient jdbc;

	private final DiscoveryOrigins origins;

	JobsController(JdbcClient jdbc, DiscoveryOrigins origins) {
		this.jdbc = jdbc;
		this.origins = origins;
	}

	@GetMapping("/{id}")
	@Operation(summary = "One job with its stages, in the order they run")
	@ApiResponse(responseCode = "200", description = "The job")
	@ApiResponse(responseCode = "400", description = "The id is not a UUID",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such job",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	JobDetails get(@PathVariable UUID id) {
		record Row(JobSummary job, String sha256, String origin) {
		}
		Row found = this.jdbc.sql("""
				select id, status, attempts, error, paper_id, original_filename, reprocess_from, created_at, updated_at,
				    content_sha256, cast(origin as text) as origin
				from ingest_jobs where id = :id
				""")
			.param("id", id)
			.query((rs, row) -> new Row(summary(rs, row), rs.getString("content_sha256"), rs.getString("origin")))
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job with id " + id));
		JobSummary job = found.job();
		List<JobDetails.JobStage> stages = this.jdbc.sql("""
				select stage, status, started_at, finished_at, error from job_stages where job_id = :id
				order by coalesce(array_position(%s, stage), 1000), started_at
				""".formatted(STAGE_ORDER)).param("id", id).query((rs, row) -> {
			Instant started = instant(rs, "started_at");
			Instant finished = instant(rs, "finished_at");
			Long duration = (started != null && finished != null) ? Duration.between(started, finished).toMillis()
					: null;
			return new JobDetails.JobStage(rs.getString("stage"), rs.getString("status"), started, finished, duration,
					rs.getString("error"));
		}).list();
		return new JobDetails(job.id(), job.status(), job.attempts(), job.error(), job.paperId(), job.filename(),
				found.sha256(), job.reprocessFrom(), job.createdAt(), job.updatedAt(), stages,
				this.origins.fromJson(found.origin()));
	}

	@GetMapping
	@Operation(summary = "Jobs, newest first, optionally only those with one status")
	@ApiResponse(responseCode = "200", description = "One page of jobs")
	@ApiResponse(responseCode = "400", description = "A parameter out of range, named in the problem",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	PageResponse<JobSummary> list(@RequestParam(required = false) JobStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		String statusName = (status != null) ? status.name() : null;
		long total = this.jdbc.sql(
				"select count(*) from ingest_jobs where cast(:status as text) is null or status = cast(:status as text)")
			.param("status", statusName)
			.query(Long.class)
			.single();
		List<JobSummary> items = this.jdbc.sql("""
				select id, status, attempts, error, paper_id, original_filename, reprocess_from, created_at, updated_at
				from ingest_jobs where cast(:status as text) is null or status = cast(:status as text)
				order by created_at desc, id
				limit :size offset :offset
				""")
			.param("status", statusName)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(JobsController::summary)
			.list();
		return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
	}

	private static JobSummary summary(ResultSet rs, int row) throws SQLException {
		return new JobSummary(rs.getObject("id", UUID.class), rs.getString("status"), rs.getInt("attempts"),
				rs.getString("error"), rs.getObject("paper_id", UUID.class), rs.getString("original_filename"),
				rs.getString("reprocess_from"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
