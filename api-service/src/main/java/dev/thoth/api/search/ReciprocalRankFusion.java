package dev.thoth.api.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.vectorstore.Hit;

/**
 * Fuses ranked lists by reciprocal rank (Cormack, Clarke and Büttcher, 2009): each list
 * gives a passage {@code 1 / (K + rank)}, the sums decide. Scores of different rankers
 * are never compared, only their ranks, which is why it needs no tuning between BM25 and
 * cosine scales.
 */
final class ReciprocalRankFusion {

	/** The constant from the paper; it damps the weight of the very top ranks. */
	static final int K = 60;

	private ReciprocalRankFusion() {
	}

	static List<Hit> fuse(int limit, List<List<Hit>> rankings) {
		Map<UUID, Hit> passages = new LinkedHashMap<>();
		Map<UUID, Double> scores = new LinkedHashMap<>();
		for (List<Hit> ranking : rankings) {
			for (int rank = 0; rank < ranking.size(); rank++) {
				Hit hit = ranking.get(rank);
				passages.putIfAbsent(hit.chunkId(), hit);
				scores.merge(hit.chunkId(), 1.0 / (K + rank + 1), Double::sum);
			}
		}
		List<Hit> fused = new ArrayList<>(passages.size());
		passages.forEach((id, hit) -> fused
			.add(new Hit(id, hit.paperId(), hit.page(), hit.section(), hit.text(), scores.get(id))));
		fused.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::chunkId));
		return fused.subList(0, Math.min(limit, fused.size()));
	}

}
