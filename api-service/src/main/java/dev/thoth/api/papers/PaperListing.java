package dev.thoth.api.papers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.api.retractions.Retractions;
import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.CitingPaper;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperSummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paper lists read straight from SQL: one query for a page (authors included) and one for
 * the count. Conditions are fixed SQL fragments; every value is a bind parameter.
 */
@Component
class PaperListing {

	private static final String AUTHORS = "array(select a.name from paper_authors a where a.paper_id = p.id "
			+ "order by a.position) as authors";

	private final JdbcClient jdbc;

	PaperListing(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	PageResponse<PaperSummary> papers(PaperFilter filter, int page, int size) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params);
		long total = this.jdbc.sql("select count(*) from papers p" + where).params(params).query(Long.class).single();
		List<PaperSummary> items = this.jdbc
			.sql("select p.id, p.title, p.year, p.doi, p.status, p.arxiv_id, p.abstract, " + Retractions.COLUMNS + ", "
					+ AUTHORS + " from papers p" + where + " order by " + filter.sort().orderBy()
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new PaperSummary(rs.getObject("id", UUID.class), rs.getString("title"), authors(rs),
					rs.getObject("year", Integer.class), rs.getString("doi"), rs.getString("status"),
					rs.getString("arxiv_id"), rs.getString("abstract"), Retractions.read(rs)))
			.list();
		return new PageResponse<>(items, page, size, total, totalPages(total, size));
	}

	/**
	 * The papers with everything a bibliography needs: those given by id (in that order),
	 * or else those matching the filter, in its order; at most {@code limit}.
	 */
	@Transactional(readOnly = true)
	List<BibliographicPaper> forBibliography(List<UUID> ids, PaperFilter filter, int limit) {
		Map<String, Object> params = new HashMap<>();
		String where;
		String order;
		if (ids != null && !ids.isEmpty()) {
			where = " where p.id in (:ids)";
			params.put("ids", ids);
			order = "p.id";
		}
		else {
			where = where(filter, params);
			order = filter.sort().orderBy();
		}
		List<BibliographicPaper> found = this.jdbc
			.sql("select p.id, p.title, p.year, p.doi, p.arxiv_id, p.venue, p.abstract, p.keywords, " + AUTHORS
					+ " from papers p" + where + " order by " + order + " limit :limit")
			.params(params)
			.param("limit", limit)
			.query((rs, row) -> new BibliographicPaper(rs.getObject("id", UUID.class), rs.getString("title"),
					authors(rs).stream().map(AuthorName::name).toList(), rs.getObject("year", Integer.class),
					rs.getString("doi"), rs.getString("arxiv_id"), rs.getString("venue"), rs.getString("abstract"),
					strings(rs.getArray("keywords"))))
			.list();
		if (ids == null || ids.isEmpty()) {
			return found;
		}
		Map<UUID, BibliographicPaper> byId = new HashMap<>();
		found.forEach((paper) -> byId.put(paper.id(), paper));
		return ids.stream().distinct().map(byId::get).filter((paper) -> paper != null).toList();
	}

	/** The WHERE clause of the filter: fixed SQL, every value a bind parameter. */
	private static String where(PaperFilter filter, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (filter.q() != null) {
			conditions.add("(p.title ilike :q or p.abstract ilike :q or exists (select 1 from paper_authors qa "
					+ "where qa.paper_id = p.id and qa.name ilike :q))");
			params.put("q", PaperFilter.containing(filter.q()));
		}
		if (filter.author() != null) {
			conditions
				.add("exists (select 1 from paper_authors fa where fa.paper_id = p.id and fa.name ilike :author)");
			params.put("author", PaperFilter.containing(filter.author()));
		}
		if (filter.tag() != null) {
			conditions.add("exists (select 1 from paper_tags pt join tags t on t.id = pt.tag_id "
					+ "where pt.paper_id = p.id and t.name = :tag)");
			params.put("tag", filter.tag());
		}
		if (filter.yearFrom() != null) {
			conditions.add("p.year >= :yearFrom");
			params.put("yearFrom", filter.yearFrom());
		}
		if (filter.yearTo() != null) {
			conditions.add("p.year <= :yearTo");
			params.put("yearTo", filter.yearTo());
		}
		if (filter.status() != null) {
			conditions.add("p.status = :status");
			params.put("status", filter.status().name());
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	/**
	 * The references, in other papers, that resolve to the paper: newest citing paper
	 * first.
	 */
	@Transactional(readOnly = true)
	PageResponse<CitingPaper> citing(UUID paperId, int page, int size) {
		long total = this.jdbc.sql("select count(*) from paper_references where resolved_paper_id = :id")
			.param("id", paperId)
			.query(Long.class)
			.single();
		List<CitingPaper> items = this.jdbc
			.sql("select p.id, p.title, p.year, r.position, r.cited_on_pages, " + AUTHORS
					+ " from paper_references r join papers p on p.id = r.paper_id "
					+ "where r.resolved_paper_id = :id "
					+ "order by p.year desc nulls last, lower(p.title), p.id, r.position limit :limit offset :offset")
			.param("id", paperId)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new CitingPaper(rs.getObject("id", UUID.class), rs.getString("title"), authors(rs),
					rs.getObject("year", Integer.class), rs.getInt("position"), pages(rs.getArray("cited_on_pages"))))
			.list();
		return new PageResponse<>(items, page, size, total, totalPages(total, size));
	}

	private static int totalPages(long total, int size) {
		return (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
	}

	private static List<AuthorName> authors(ResultSet rs) throws SQLException {
		Array array = rs.getArray("authors");
		if (array == null) {
			return List.of();
		}
		List<AuthorName> authors = new ArrayList<>();
		for (Object name : (Object[]) array.getArray()) {
			authors.add(new AuthorName((String) name));
		}
		return authors;
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array == null) ? List.of() : List.of((String[]) array.getArray());
	}

	private static List<Integer> pages(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<Integer> pages = new ArrayList<>();
		for (Object page : (Object[]) array.getArray()) {
			pages.add(((Number) page).intValue());
		}
		return pages;
	}

}
