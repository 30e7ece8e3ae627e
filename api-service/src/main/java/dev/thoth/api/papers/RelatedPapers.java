package dev.thoth.api.papers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.thoth.clients.api.RelatedPaper;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.VectorStore;
import dev.thoth.vectorstore.VectorStoreException;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Papers related to a paper, found two ways and merged:
 * <ul>
 * <li>by text: the paper's title and abstract are embedded and searched among the
 * passages of the other papers; a paper scores the cosine similarity of its best passage,
 * and counts only from {@link #MIN_SIMILARITY} on, since the model gives unrelated texts
 * small positive similarities;</li>
 * <li>by bibliographic coupling: papers whose reference lists share entries with this
 * one's (the same resolved library paper, DOI, arXiv id or normalised title), scored by
 * the number shared over the geometric mean of both lists' lengths (Salton's cosine,
 * 0..1).</li>
 * </ul>
 * The score is the sum of both, so a paper related both ways comes first.
 */
@Service
public class RelatedPapers {

	/**
	 * Cosine similarity below which texts are not taken as related (all-MiniLM-L6-v2).
	 */
	static final double MIN_SIMILARITY = 0.3;

	/** A normalised title shorter than this ("introduction") does not identify a work. */
	private static final int MIN_TITLE_LENGTH = 20;

	/** Passages searched per requested paper; a paper's own passages take their share. */
	private static final int PASSAGES_PER_PAPER = 20;

	private static final int MAX_PASSAGES = 1000;

	private final PaperRepository papers;

	private final VectorStore store;

	private final Embedder embedder;

	private final JdbcClient jdbc;

	RelatedPapers(PaperRepository papers, VectorStore store, Embedder embedder, JdbcClient jdbc) {
		this.papers = papers;
		this.store = store;
		this.embedder = embedder;
		this.jdbc = jdbc;
	}

	/**
	 * The {@code k} most related papers, most related first; empty when the paper is
	 * unknown.
	 */
	public Optional<List<RelatedPaper>> related(UUID paperId, int k) {
		Optional<Paper> found = this.papers.findById(paperId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Map<UUID, Double> similar = similarText(found.get(), k);
		Map<UUID, Integer> shared = sharedReferences(paperId);
		Map<UUID, Double> coupling = coupling(paperId, shared);
		Set<UUID> candidates = new HashSet<>(similar.keySet());
		candidates.addAll(shared.keySet());
		Map<UUID, String> titles = titles(candidates);
		List<RelatedPaper> related = new ArrayList<>();
		for (UUID candidate : candidates) {
			if (!titles.containsKey(candidate)) {
				continue; // passages of a paper removed since
			}
			List<String> reasons = new ArrayList<>();
			double score = 0;
			if (similar.containsKey(candidate)) {
				score += similar.get(candidate);
				reasons.add("similar text");
			}
			if (shared.containsKey(candidate)) {
				int count = shared.get(candidate);
				score += coupling.getOrDefault(candidate, 0.0);
				reasons.add(count + ((count == 1) ? " shared reference" : " shared references"));
			}
			related.add(new RelatedPaper(candidate, titles.get(candidate), score, reasons));
		}
		related.sort(Comparator.comparingDouble(RelatedPaper::score).reversed().thenComparing(RelatedPaper::paperId));
		return Optional.of(related.subList(0, Math.min(k, related.size())));
	}

	/** Each other paper's best passage similarity to this paper's title and abstract. */
	private Map<UUID, Double> similarText(Paper paper, int k) {
		String text = Stream.of(paper.getTitle(), paper.getAbstractText())
			.filter((part) -> part != null && !part.isBlank())
			.collect(Collectors.joining(". "));
		if (text.isBlank()) {
			return Map.of();
		}
		List<Hit> hits;
		try {
			// Papers and scores only: the passages are not read.
			hits = this.store.semanticCandidates(this.embedder.embed(text),
					Math.min(MAX_PASSAGES, k * PASSAGES_PER_PAPER + 50), Filter.any());
		}
		catch (VectorStoreException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The vector store is unavailable", ex);
		}
		Map<UUID, Double> best = new HashMap<>();
		for (Hit hit : hits) {
			if (!hit.paperId().equals(paper.getId()) && hit.score() >= MIN_SIMILARITY) {
				best.merge(hit.paperId(), hit.score(), Math::max);
			}
		}
		return best;
	}

	/** For each other paper, how many of this paper's references it shares. */
	private Map<UUID, Integer> sharedReferences(UUID paperId) {
		Map<UUID, Integer> shared = new HashMap<>();
		this.jdbc.sql("""
				select o.paper_id, count(distinct m.id) as shared
				from paper_references m
				join paper_references o on o.paper_id <> m.paper_id and (
				       (m.resolved_paper_id is not null and o.resolved_paper_id = m.resolved_paper_id)
				    or (m.doi is not null and lower(o.doi) = lower(m.doi))
				    or (m.arxiv_id is not null and o.arxiv_id = m.arxiv_id)
				    or (length(m.normalized_title) >= :minTitle and o.normalized_title = m.normalized_title))
				where m.paper_id = :paper
				group by o.paper_id
				""")
			.param("paper", paperId)
			.param("minTitle", MIN_TITLE_LENGTH)
			.query((rs, row) -> shared.put(rs.getObject("paper_id", UUID.class), rs.getInt("shared")))
			.list();
		return shared;
	}

	/** Shared references over the geometric mean of both reference lists' lengths. */
	private Map<UUID, Double> coupling(UUID paperId, Map<UUID, Integer> shared) {
		if (shared.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Long> lengths = new HashMap<>();
		List<UUID> ids = new ArrayList<>(shared.keySet());
		ids.add(paperId);
		this.jdbc.sql("select paper_id, count(*) as n from paper_references where paper_id in (:ids) group by paper_id")
			.param("ids", ids)
			.query((rs, row) -> lengths.put(rs.getObject("paper_id", UUID.class), rs.getLong("n")))
			.list();
		long own = lengths.getOrDefault(paperId, 0L);
		Map<UUID, Double> coupling = new HashMap<>();
		shared.forEach((other, count) -> {
			long theirs = lengths.getOrDefault(other, 0L);
			if (own > 0 && theirs > 0) {
				coupling.put(other, Math.min(1.0, count / Math.sqrt((double) own * theirs)));
			}
		});
		return coupling;
	}

	private Map<UUID, String> titles(Set<UUID> ids) {
		Map<UUID, String> titles = new HashMap<>();
		if (ids.isEmpty()) {
			return titles;
		}
		this.jdbc.sql("select id, title from papers where id in (:ids)")
			.param("ids", List.copyOf(ids))
			.query((rs, row) -> titles.put(rs.getObject("id", UUID.class), rs.getString("title")))
			.list();
		return titles;
	}

}
