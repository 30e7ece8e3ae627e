package dev.thoth.api.search;

import java.net.URI;

import dev.thoth.vectorstore.index.SearchIndex;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The search index of the replica that answers, and rebuilding every replica's. */
@RestController
@RequestMapping(path = "/api/v1/search/index", produces = "application/json")
class SearchIndexController {

	private final SearchIndex index;

	SearchIndexController(SearchIndex index) {
		this.index = index;
	}

	@GetMapping
	@Operation(summary = "This replica's search index",
			description = "state (building, ready, rebuilding, failed), passages searchable, those searchable by their words "
					+ "only (passagesWithoutVector: a vector missing or of the wrong length; re-process their papers), "
					+ "the last change applied (seq) and the database's last (headSeq), size on disk, and a rebuild under way with its progress.")
	SearchIndex.Status status() {
		return this.index.status();
	}

	@PostMapping("/rebuild")
	@Operation(summary = "Rebuild the search index of every replica, online",
			description = "202: each replica builds a new index from PostgreSQL beside its current one, which keeps "
					+ "answering searches until the new one is complete and swapped in. Progress arrives as 'index' "
					+ "events on /api/v1/events; GET /api/v1/search/index shows the answering replica's.")
	@ApiResponse(responseCode = "202",
			description = "Rebuilding; the body is the answering replica's index as it is now")
	ResponseEntity<SearchIndex.Status> rebuild() {
		this.index.requestRebuild();
		return ResponseEntity.accepted().location(URI.create("/api/v1/search/index")).body(this.index.status());
	}

}
