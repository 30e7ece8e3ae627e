package dev.thoth.pdfmonitor.graph;

import java.util.List;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links references to library papers by DOI, arXiv id or normalised title, in both
 * directions: a new paper's references to papers already there, and references of papers
 * already there to the new one (a reference resolves later, when its paper arrives).
 */
public class CitationResolver {

	private final JdbcClient jdbc;

	public CitationResolver(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Resolves both directions for {@code paper}; returns the papers whose references
	 * changed.
	 */
	@Transactional
	public List<UUID> resolve(Paper paper) {
		this.jdbc.sql("""
				update paper_references ref set resolved_paper_id = (
				    select p.id from papers p
				    where p.id <> ref.paper_id and (
				        (ref.doi is not null and lower(p.doi) = lower(ref.doi))
				        or (ref.arxiv_id is not null and p.arxiv_id = ref.arxiv_id)
				        or (ref.normalized_title is not null and p.normalized_title = ref.normalized_title))
				    order by p.created_at limit 1)
				where ref.paper_id = :paper and ref.resolved_paper_id is null
				""").param("paper", paper.getId()).update();
		return this.jdbc.sql("""
				update paper_references ref set resolved_paper_id = :paper
				where ref.resolved_paper_id is null and ref.paper_id <> :paper and (
				    (cast(:doi as text) is not null and lower(ref.doi) = lower(cast(:doi as text)))
				    or (cast(:arxiv as text) is not null and ref.arxiv_id = cast(:arxiv as text))
				    or (cast(:title as text) is not null and ref.normalized_title = cast(:title as text)))
				returning ref.paper_id
				""")
			.param("paper", paper.getId())
			.param("doi", paper.getDoi())
			.param("arxiv", paper.getArxivId())
			.param("title", paper.getNormalizedTitle())
			.query(UUID.class)
			.list()
			.stream()
			.distinct()
			.toList();
	}

}
