package dev.thoth.api.tags;

import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.platform.web.Problems;
import dev.thoth.clients.api.PaperTagView;
import dev.thoth.clients.api.TagRename;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tags on one paper, addressed by name. */
@RestController
@RequestMapping(path = "/api/v1/papers/{paperId}/tags", produces = MediaType.APPLICATION_JSON_VALUE)
class PaperTagsController {

	private final TagsService tags;

	PaperTagsController(TagsService tags) {
		this.tags = tags;
	}

	@GetMapping
	@Operation(summary = "The paper's tags by name, each with its source (user or analysis)")
	@ApiResponse(responseCode = "200", description = "A page of the paper's tags")
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	PageResponse<PaperTagView> list(@PathVariable UUID paperId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
		return this.tags.tagsOf(paperId, page, size);
	}

	@PutMapping("/{name}")
	@Operation(summary = "Tag the paper",
			description = "Creates the tag when there is none by that name (trimmed, whitespace collapsed, "
					+ "lower-cased; at most 100 characters, without '/', '\\', ';', '%', ',' or invisible characters). "
					+ "Idempotent; a tag the analysis had set becomes the user's.")
	@ApiResponse(responseCode = "200", description = "The paper has the tag")
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	PaperTagView tag(@PathVariable UUID paperId,
			@Parameter(description = "The tag's name, URL-encoded", schema = @Schema(type = "string", maxLength = 200,
					pattern = TagRename.PATTERN)) @PathVariable String name) {
		return this.tags.tag(paperId, name);
	}

	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a tag from the paper", description = "The tag itself stays, even with no papers.")
	@ApiResponse(responseCode = "204", description = "Removed")
	@ApiResponse(responseCode = "404", description = "No such paper, or the paper has no such tag",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	void untag(@PathVariable UUID paperId,
			@Parameter(description = "The tag's name, URL-encoded") @PathVariable String name) {
		this.tags.untag(paperId, name);
	}

	/**
	 * A concurrent change got there first (the same new name, a tag deleted meanwhile).
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> concurrentChange(HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.CONFLICT, "A concurrent change conflicted with this one; try again.",
					request.getRequestURI()));
	}

}
