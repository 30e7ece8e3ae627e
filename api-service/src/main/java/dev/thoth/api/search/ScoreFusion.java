package dev.thoth.api.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.vectorstore.Hit;

/**
 * Fuses the lexical and the semantic ranking by a convex combination of their scores,
 * each first min-max normalised within its own list (the best candidate of a list gets 1,
 * its last 0): a passage scores {@code 0.5 × lexical + 0.5 × semantic}, 0 for a list it
 * is missing from. Bruch, Gai and Ingber ("An Analysis of Fusion Functions for Hybrid
 * Retrieval", ACM TOIS 2023) found this better than reciprocal rank fusion in and out of
 * domain; so did our labelled queries (bench/results/retrieval-quality.md): fusing ranks
 * alone throws away how far ahead a list's best passages are, so a chunk that holds every
 * word of the query, which full-text search puts first by a wide margin, lost to chunks
 * that both lists only placed in the middle.
 * <p>
 * Scores are compared only within their own list (a lexical score is store-specific), and
 * normalising makes their scale irrelevant. The weights are equal, not tuned.
 */
final class ScoreFusion {

	static final double LEXICAL_WEIGHT = 0.5;

	private ScoreFusion() {
	}

	static List<Hit> fuse(int limit, List<Hit> lexical, List<Hit> semantic) {
		Map<UUID, Hit> passages = new LinkedHashMap<>();
		Map<UUID, Double> scores = new LinkedHashMap<>();
		add(lexical, LEXICAL_WEIGHT, passages, scores);
		add(semantic, 1 - LEXICAL_WEIGHT, passages, scores);
		List<Hit> fused = new ArrayList<>(passages.size());
		passages.forEach((id, hit) -> fused
			.add(new Hit(id, hit.paperId(), hit.page(), hit.section(), hit.text(), scores.get(id))));
		fused.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::chunkId));
		return fused.subList(0, Math.min(limit, fused.size()));
	}

	private static void add(List<Hit> ranking, double weight, Map<UUID, Hit> passages, Map<UUID, Double> scores) {
		double max = Double.NEGATIVE_INFINITY;
		double min = Double.POSITIVE_INFINITY;
		for (Hit hit : ranking) {
			max = Math.max(max, hit.score());
			min = Math.min(min, hit.score());
		}
		for (Hit hit : ranking) {
			// A list whose candidates all score the same says only that they match.
			double normalised = (max > min) ? (hit.score() - min) / (max - min) : 1;
			passages.putIfAbsent(hit.chunkId(), hit);
			scores.merge(hit.chunkId(), weight * normalised, Double::sum);
		}
	}

}
