package dev.thoth.api.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.api.retractions.Retractions;
import dev.thoth.clients.api.Retraction;
import dev.thoth.clients.api.SearchHit;
import dev.thoth.clients.api.SearchResults;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The papers' side of search hits, read after the search cache in one query: each hit's
 * title and editorial notice as they are now, so that a notice or a new title shows at
 * once however long a search stays cached. A hit whose paper is gone is left out.
 */
@Component
public class HitPapers {

	private final JdbcClient jdbc;

	HitPapers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The results with each hit's title and notice; hits of papers gone left out. */
	public SearchResults complete(SearchResults results) {
		List<UUID> paperIds = results.hits().stream().map(SearchHit::paperId).distinct().toList();
		if (paperIds.isEmpty()) {
			return results;
		}
		Map<UUID, Paper> papers = new HashMap<>();
		this.jdbc.sql("select id, title, " + Retractions.COLUMNS + " from papers where id in (:ids)")
			.param("ids", paperIds)
			.query((rs, row) -> papers.put(rs.getObject("id", UUID.class),
					new Paper(rs.getString("title"), Retractions.read(rs))))
			.list();
		return new SearchResults(results.query(), results.mode(),
				results.hits().stream().filter((hit) -> papers.containsKey(hit.paperId())).map((hit) -> {
					Paper paper = papers.get(hit.paperId());
					return hit.withPaper(paper.title(), paper.retraction());
				}).toList());
	}

	private record Paper(String title, Retraction retraction) {
	}

}
