package dev.thoth.api.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.thoth.clients.api.LibraryStats;
import dev.thoth.vectorstore.VectorStore;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The library in figures: papers, pages, passages, references, tags, jobs. */
@RestController
class LibraryStatsController {

	private static final int TOP = 10;

	private final JdbcClient jdbc;

	private final VectorStore store;

	LibraryStatsController(JdbcClient jdbc, VectorStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	@GetMapping(path = "/api/v1/library/stats", produces = "application/json")
	@Transactional(readOnly = true)
	@Operation(summary = "The library in figures",
			description = "Papers (by status and by year), pages, searchable passages, references and how many "
					+ "resolve to library papers, tags, jobs by status, and the most used tags, venues and authors.")
	LibraryStats stats() {
		Map<String, Long> byStatus = counts("select status, count(*) from papers group by status order by status");
		long papers = byStatus.values().stream().mapToLong(Long::longValue).sum();
		long pages = this.jdbc.sql("select coalesce(sum(page_count), 0) from papers").query(Long.class).single();
		long references = this.jdbc.sql("select count(*) from paper_references").query(Long.class).single();
		long resolved = this.jdbc.sql("select count(*) from paper_references where resolved_paper_id is not null")
			.query(Long.class)
			.single();
		long tags = this.jdbc.sql("select count(distinct tag_id) from paper_tags").query(Long.class).single();
		return new LibraryStats(papers, byStatus, pages, this.store.count(), references, resolved, tags,
				counts("select status, count(*) from ingest_jobs group by status order by status"),
				top("select year::text, count(*) from papers where year is not null group by year order by year",
						Integer.MAX_VALUE),
				top("select t.name, count(*) from paper_tags pt join tags t on t.id = pt.tag_id group by t.name "
						+ "order by count(*) desc, t.name", TOP),
				top("select venue, count(*) from papers where venue is not null group by venue "
						+ "order by count(*) desc, venue", TOP),
				top("select name, count(distinct paper_id) from paper_authors group by name "
						+ "order by count(distinct paper_id) desc, name", TOP));
	}

	private Map<String, Long> counts(String sql) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql(sql).query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
		return counts;
	}

	private List<LibraryStats.Count> top(String sql, int limit) {
		return this.jdbc.sql(sql + ((limit < Integer.MAX_VALUE) ? " limit " + limit : ""))
			.query((rs, row) -> new LibraryStats.Count(rs.getString(1), rs.getLong(2)))
			.list();
	}

}
