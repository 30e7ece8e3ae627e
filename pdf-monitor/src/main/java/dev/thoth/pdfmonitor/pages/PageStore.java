package dev.thoth.pdfmonitor.pages;

import java.util.List;
import java.util.UUID;

import dev.thoth.pdfmonitor.extraction.PageText;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the text of each page of a paper ({@code paper_pages}), which the API serves to
 * read a paper page by page, find quotes and the sentences that cite a reference.
 */
@Component
public class PageStore {

	private final JdbcClient jdbc;

	PageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Makes {@code pages} the paper's pages, replacing any it had. */
	@Transactional
	public void replace(UUID paperId, List<PageText> pages) {
		this.jdbc.sql("delete from paper_pages where paper_id = :paper").param("paper", paperId).update();
		for (PageText page : pages) {
			this.jdbc.sql("insert into paper_pages (paper_id, page, text) values (:paper, :page, :text)")
				.param("paper", paperId)
				.param("page", page.number())
				// PostgreSQL text cannot hold NUL.
				.param("text", page.text().replace("\u0000", ""))
				.update();
		}
	}

}
