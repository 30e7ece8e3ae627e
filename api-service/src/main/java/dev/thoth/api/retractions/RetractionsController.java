package dev.thoth.api.retractions;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.clients.api.Retraction;
import dev.thoth.clients.api.RetractionNotice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Records a paper's editorial notice: the discovery service's retraction watch calls it
 * when CrossRef reports a retraction, withdrawal, correction or expression of concern of
 * a library paper. The paper, its note, and every search hit and cited passage of it then
 * show the notice.
 */
@RestController
@RequestMapping(path = "/api/v1/papers", produces = MediaType.APPLICATION_JSON_VALUE)
class RetractionsController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	/** Notices older than this are typing errors (CrossRef's DOIs start in 2000). */
	private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	private final Retractions retractions;

	RetractionsController(Retractions retractions) {
		this.retractions = retractions;
	}

	@PutMapping(path = "/{id}/retraction", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Record a paper's retraction, withdrawal, correction or expression of concern",
			description = "type: retraction, withdrawal, correction or expression_of_concern; noticeDoi: the DOI of "
					+ "the notice; date (ISO, not in the future), source (publisher, retraction-watch, ...) and label "
					+ "are optional. The paper shows it as retraction, and so do its note, its search hits and the "
					+ "citations of it in answers. Recording the notice the paper carries already changes nothing; "
					+ "another notice replaces it.")
	@ApiResponse(responseCode = "200", description = "The notice as recorded on the paper")
	@ApiResponse(responseCode = "400", description = "The notice is invalid; the problem names the field",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	Retraction record(@PathVariable UUID id, @Valid @RequestBody RetractionNotice notice) {
		if (notice.date() != null) {
			if (notice.date().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
				throw new InvalidFieldException("date", "must not be in the future");
			}
			if (notice.date().isBefore(EARLIEST)) {
				throw new InvalidFieldException("date", "must not be before " + EARLIEST);
			}
		}
		return this.retractions.record(id, notice)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
	}

}
