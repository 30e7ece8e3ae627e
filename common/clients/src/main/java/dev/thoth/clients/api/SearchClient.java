package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** Search over the library, as the API serves it at {@code /api/v1/search}. */
@HttpExchange("/api/v1/search")
public interface SearchClient {

	@GetExchange
	SearchResults search(@RequestParam("q") String query, @RequestParam("k") int k, @RequestParam("mode") String mode,
			@RequestParam(name = "paperId", required = false) List<UUID> paperIds,
			@RequestParam(name = "tag", required = false) String tag);

	/**
	 * The best passages among the papers that pass every filter given (a null or empty
	 * filter is left out): any of {@code paperIds}, every one of {@code tags}, an author
	 * whose name contains {@code author}, a year in {@code yearFrom..yearTo}, a venue
	 * containing {@code venue}.
	 */
	@GetExchange
	SearchResults search(@RequestParam("q") String query, @RequestParam("k") int k, @RequestParam("mode") String mode,
			@RequestParam(name = "paperId", required = false) List<UUID> paperIds,
			@RequestParam(name = "tag", required = false) List<String> tags,
			@RequestParam(name = "author", required = false) String author,
			@RequestParam(name = "yearFrom", required = false) Integer yearFrom,
			@RequestParam(name = "yearTo", required = false) Integer yearTo,
			@RequestParam(name = "venue", required = false) String venue);

}
