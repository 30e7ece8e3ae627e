package dev.thoth.api.tags;

import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.platform.web.Problems;
import dev.thoth.clients.api.TagMerge;
import dev.thoth.clients.api.TagRename;
import dev.thoth.clients.api.TagView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The library's tags: list, rename, merge, delete. */
@RestController
@RequestMapping(path = "/api/v1/tags", produces = MediaType.APPLICATION_JSON_VALUE)
class TagsController {

	private final TagsService tags;

	TagsController(TagsService tags) {
		this.tags = tags;
	}

	@GetMapping
	@Operation(summary = "List the tags by name, with how many papers carry each",
			description = "q keeps the tags whose name starts with it (normalised like a tag name; "
					+ "% and _ are plain characters). Tags that no paper carries are left out unless "
					+ "includeEmpty=true.")
	PageResponse<TagView> list(@RequestParam(name = "q", required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "false") boolean includeEmpty,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return this.tags.list(q, includeEmpty, page, size);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One tag, with how many papers carry it")
	@ApiResponse(responseCode = "200", description = "The tag")
	@ApiResponse(responseCode = "404", description = "No such tag",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	TagView get(@PathVariable UUID id) {
		return this.tags.get(id);
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Rename a tag",
			description = "The name is trimmed, its whitespace collapsed and lower-cased; at most 100 characters, "
					+ "without '/', '\\', ';', '%', ',' or invisible characters. Renaming to another tag's name is a 409 "
					+ "whose existingTagId names that tag: merge into it instead.")
	@ApiResponse(responseCode = "200", description = "The renamed tag")
	@ApiResponse(responseCode = "404", description = "No such tag",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Another tag has that name",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	TagView rename(@PathVariable UUID id, @Valid @RequestBody TagRename rename) {
		return this.tags.rename(id, rename.name());
	}

	@PostMapping(path = "/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Merge a tag into another",
			description = "Every paper with this tag gets the other one, and this tag is deleted. "
					+ "Answers the tag merged into.")
	@ApiResponse(responseCode = "200", description = "The tag merged into, with its new paper count")
	@ApiResponse(responseCode = "404", description = "No such tag (either of them)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	TagView merge(@PathVariable UUID id, @Valid @RequestBody TagMerge merge) {
		return this.tags.merge(id, merge.into());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a tag", description = "The papers stay; they lose the tag.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such tag",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	void delete(@Parameter(description = "The tag's id") @PathVariable UUID id) {
		this.tags.delete(id);
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
