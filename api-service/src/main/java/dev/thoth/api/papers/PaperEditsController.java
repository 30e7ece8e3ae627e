package dev.thoth.api.papers;

import java.util.UUID;

import dev.thoth.api.search.SearchService;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.domain.papers.Paper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The library, write side: correcting a paper's metadata and removing a paper. */
@RestController
@RequestMapping("/api/v1/papers")
class PaperEditsController {

	private static final Log log = LogFactory.getLog(PaperEditsController.class);

	private final PaperCorrections corrections;

	private final PaperRemoval removal;

	private final CacheManager caches;

	private final PaperViews views;

	PaperEditsController(PaperCorrections corrections, PaperRemoval removal, CacheManager caches, PaperViews views) {
		this.corrections = corrections;
		this.removal = removal;
		this.caches = caches;
		this.views = views;
	}

	/**
	 * Corrects a paper's metadata, merge-patch style: the fields given replace the
	 * paper's, the others stay, {@code null} clears a field (not the title). The fields
	 * are {@code title}, {@code authors} (names, or objects {@code {"name": ...}}, in
	 * order), {@code year}, {@code doi}, {@code venue}, {@code abstract} (also accepted
	 * as {@code abstractText}, its name in the paper) and {@code keywords}.
	 *
	 * <p>
	 * Each corrected field is applied to the paper at once, with provenance {@code user}
	 * and confidence 1.0, and stored in {@code paper_corrections(paper_id, field, value,
	 * corrected_at)}, one row per paper and field, the latest correction winning. The
	 * pipeline applies these rows again whenever it re-processes the paper, so
	 * corrections survive re-processing. The contract of that table: {@code field} is one
	 * of {@code title}, {@code authors}, {@code year}, {@code doi}, {@code venue},
	 * {@code abstract}, {@code keywords}; {@code value} is text: the year in decimal
	 * digits, authors and keywords as a JSON array of strings (authors in order, cleared
	 * as {@code []}), the other fields as the text itself, SQL {@code NULL} for a cleared
	 * field (see {@link PaperCorrections}).
	 */
	@PatchMapping(path = "/{id}", consumes = { "application/merge-patch+json", "application/json" },
			produces = "application/json")
	@Operation(summary = "Correct a paper's metadata",
			description = "Merge-patch: the fields given replace the paper's, null clears one (not the title). "
					+ "Corrections are recorded with provenance user (confidence 1.0) and survive re-processing. "
					+ "Authors may be names or {\"name\": ...} objects; abstractText is accepted for abstract.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = "application/merge-patch+json",
							schema = @Schema(implementation = PaperCorrectionDocument.class)),
					@Content(mediaType = "application/json",
							schema = @Schema(implementation = PaperCorrectionDocument.class)) })
	@ApiResponse(responseCode = "200", description = "The paper as corrected")
	@ApiResponse(responseCode = "400", description = "The body is invalid; the problem names each field",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "The paper changed meanwhile; try again",
			content = @Content(mediaType = "application/problem+json"))
	PaperDetails correct(@PathVariable UUID id, @RequestBody JsonNode body) {
		CorrectionRequest correction = CorrectionRequest.parse(body);
		Paper paper;
		try {
			paper = this.corrections.correct(id, correction)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
		}
		catch (OptimisticLockingFailureException ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Paper " + id + " was changed at the same time; send the correction again", ex);
		}
		if (!correction.isEmpty()) {
			evictSearches();
		}
		return this.views.details(paper);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Remove a paper",
			description = "Removes the paper, its passages, references, tags, corrections and analysis; references "
					+ "of other papers that pointed to it become unresolved. Its PDF and note are moved to the "
					+ "workspace's trash/ folder, never deleted.")
	@ApiResponse(responseCode = "204", description = "Removed")
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "The vector store is unavailable; nothing was removed",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		if (!this.removal.remove(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id);
		}
		evictSearches();
		return ResponseEntity.noContent().build();
	}

	/** Titles appear in search hits, and a removed paper must not be found. */
	private void evictSearches() {
		try {
			Cache searches = this.caches.getCache(SearchService.CACHE);
			if (searches != null) {
				searches.clear();
			}
		}
		catch (RuntimeException ex) {
			// The change is made; stale hits expire with the cache entries.
			log.warn("Could not empty the search cache: " + ex.getMessage());
		}
	}

}
