package dev.thoth.domain.papers;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links references to library papers by DOI, arXiv id or normalised title, in both
 * directions: a new paper's references to papers already there, and references of papers
 * already there to the new one (a reference resolves later, when its paper arrives). The
 * PDF monitor's graph stage resolves a new or re-processed paper; the API re-resolves a
 * paper whose DOI or title a user corrected. One rule for both, here.
 */
public class CitationResolver {

	/** Whether paper {@code p} is the work reference {@code ref} names. */
	private static final String MATCHES = """
			((ref.doi is not null and lower(p.doi) = lower(ref.doi))
			 or (ref.arxiv_id is not null and p.arxiv_id = ref.arxiv_id)
			 or (ref.normalized_title is not null and p.normalized_title = ref.normalized_title))
			""";

	/**
	 * Whether reference {@code ref} names the paper whose keys are the parameters
	 * {@code :doi}, {@code :arxiv} and {@code :title} (constants, so that the indexes on
	 * the references serve).
	 */
	private static final String NAMES = """
			((cast(:doi as text) is not null and lower(ref.doi) = lower(cast(:doi as text)))
			 or (cast(:arxiv as text) is not null and ref.arxiv_id = cast(:arxiv as text))
			 or (cast(:title as text) is not null and ref.normalized_title = cast(:title as text)))
			""";

	/** The first library paper, other than the citing one, that a reference names. */
	private static final String FIRST_MATCH = "(select p.id from papers p where p.id <> ref.paper_id and " + MATCHES
			+ " order by p.created_at limit 1)";

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
		this.jdbc
			.sql("update paper_references ref set resolved_paper_id = " + FIRST_MATCH
					+ " where ref.paper_id = :paper and ref.resolved_paper_id is null")
			.param("paper", paper.getId())
			.update();
		return linkTo(keysOf(paper.getId()));
	}

	/**
	 * Resolves the references to {@code paperId} again after its DOI or title changed:
	 * references linked to it that no longer name it are resolved afresh (to another
	 * library paper, or to none), and references that name it now are linked to it.
	 * Returns the papers whose references changed.
	 */
	@Transactional
	public List<UUID> reresolve(UUID paperId) {
		Keys keys = keysOf(paperId);
		List<UUID> unlinked = this.jdbc
			.sql("update paper_references ref set resolved_paper_id = " + FIRST_MATCH
					+ " where ref.resolved_paper_id = :paper and not coalesce(" + NAMES
					+ ", false) returning ref.paper_id")
			.param("paper", paperId)
			.param("doi", keys.doi())
			.param("arxiv", keys.arxivId())
			.param("title", keys.normalizedTitle())
			.query(UUID.class)
			.list();
		return Stream.concat(unlinked.stream(), linkTo(keys).stream()).distinct().toList();
	}

	/** What a reference may name a paper by, as the paper's row holds it now. */
	private record Keys(UUID paperId, String doi, String arxivId, String normalizedTitle) {
	}

	private Keys keysOf(UUID paperId) {
		return this.jdbc.sql("select doi, arxiv_id, normalized_title from papers where id = :paper")
			.param("paper", paperId)
			.query((rs, row) -> new Keys(paperId, rs.getString("doi"), rs.getString("arxiv_id"),
					rs.getString("normalized_title")))
			.optional()
			.orElse(new Keys(paperId, null, null, null));
	}

	/** Links the unresolved references of other papers that name the paper. */
	private List<UUID> linkTo(Keys keys) {
		return this.jdbc
			.sql("update paper_references ref set resolved_paper_id = :paper"
					+ " where ref.resolved_paper_id is null and ref.paper_id <> :paper and " + NAMES
					+ " returning ref.paper_id")
			.param("paper", keys.paperId())
			.param("doi", keys.doi())
			.param("arxiv", keys.arxivId())
			.param("title", keys.normalizedTitle())
			.query(UUID.class)
			.list()
			.stream()
			.distinct()
			.toList();
	}

}
