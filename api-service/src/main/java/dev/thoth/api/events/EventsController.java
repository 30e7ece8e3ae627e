package dev.thoth.api.events;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.thoth.domain.events.PipelineEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pipeline progress as it happens, as server-sent events: from the PDF monitors of every
 * replica, through Redis pub/sub when Redis is configured and PostgreSQL otherwise, so a
 * client connected to any API replica hears every job.
 */
@RestController
@RequestMapping("/api/v1/events")
@EnableConfigurationProperties(EventStreamProperties.class)
class EventsController {

	private final PipelineEvents events;

	private final JdbcClient jdbc;

	private final EventStreamProperties properties;

	private final AtomicInteger open = new AtomicInteger();

	EventsController(PipelineEvents events, JdbcClient jdbc, EventStreamProperties properties) {
		this.events = events;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Live pipeline progress (server-sent events)",
			description = "Each event is named after its kind (queued, stage, finished) and carries the event as "
					+ "JSON: kind, jobId, paperId, stage, status, message, at. An idle stream sends a comment every "
					+ "15 s; a stream ends after 30 minutes and the client reconnects. Events are live only: after "
					+ "a reconnect, read the job at /api/v1/jobs/{id}. Every event names the job's paper (paperId) "
					+ "from the moment the paper's row exists: from the file stage on for a new paper, from the start "
					+ "for a re-processing job or content already in the library. With paperId, the events that "
					+ "name that paper.")
	@ApiResponse(responseCode = "200", description = "The stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400", description = "jobId or paperId is not a UUID",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "Too many streams open on this replica",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	SseEmitter events(@Parameter(description = "Only this job's events") @RequestParam(required = false) UUID jobId,
			@Parameter(description = "Only the events of jobs on this paper") @RequestParam(
					required = false) UUID paperId) {
		if (this.open.incrementAndGet() > this.properties.maxStreams()) {
			this.open.decrementAndGet();
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many event streams are open on this replica; try again later.");
		}
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		EventStream stream = new EventStream(emitter, this.properties, jobId, paperId, this::paperOfJob,
				this.open::decrementAndGet);
		try {
			stream.start(this.events);
		}
		catch (RuntimeException ex) {
			this.open.decrementAndGet();
			throw ex;
		}
		return emitter;
	}

	/** Streams open on this replica now. */
	int openStreams() {
		return this.open.get();
	}

	private Optional<UUID> paperOfJob(UUID jobId) {
		return this.jdbc.sql("select paper_id from ingest_jobs where id = :id")
			.param("id", jobId)
			.query((rs, row) -> Optional.ofNullable(rs.getObject("paper_id", UUID.class)))
			.optional()
			.flatMap((paper) -> paper);
	}

}
