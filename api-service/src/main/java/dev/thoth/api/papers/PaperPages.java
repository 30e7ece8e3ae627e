package dev.thoth.api.papers;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The text of each page of a paper, as the PDF monitor stored it with the chunks. */
@Component
public class PaperPages {

	/** One page's text. */
	public record Page(int page, String text) {
	}

	private final JdbcClient jdbc;

	PaperPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Pages {@code from} to {@code to} (inclusive) that have text, in order. */
	public List<Page> pages(UUID paperId, int from, int to) {
		return this.jdbc.sql(
				"select page, text from paper_pages where paper_id = :paper and page between :from and :to order by page")
			.param("paper", paperId)
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new Page(rs.getInt("page"), rs.getString("text")))
			.list();
	}

	/**
	 * Whether any page of the paper is stored (papers ingested before pages were kept
	 * have none).
	 */
	public boolean stored(UUID paperId) {
		return this.jdbc.sql("select exists (select 1 from paper_pages where paper_id = :paper)")
			.param("paper", paperId)
			.query(Boolean.class)
			.single();
	}

}
