package dev.thoth.api.search;

import java.util.List;
import java.util.UUID;

import dev.thoth.vectorstore.Hit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreFusionTests {

	private static final UUID PAPER = UUID.randomUUID();

	@Test
	void aPassageFarAheadInOneRankingBeatsOnesBothRankingsPlaceInTheMiddle() {
		// Full-text search puts the chunk with every query word far ahead (score + 1);
		// the embeddings did not retrieve it. Rank fusion would put "middle" first.
		List<Hit> lexical = List.of(hit("every-word", 1.8), hit("middle", 0.4), hit("other", 0.35), hit("last", 0.3));
		List<Hit> semantic = List.of(hit("near", 0.62), hit("middle", 0.55), hit("close", 0.54), hit("far", 0.40));
		List<String> fused = ScoreFusion.fuse(10, lexical, semantic).stream().map(Hit::text).toList();
		assertThat(fused.indexOf("every-word")).isLessThan(fused.indexOf("middle")).isLessThan(2);
		assertThat(fused.subList(0, 2)).containsExactlyInAnyOrder("every-word", "near");
	}

	@Test
	void aPassageBothRankingsPutFirstGetsTheFullScore() {
		List<Hit> fused = ScoreFusion.fuse(10, List.of(hit("a", 3.0), hit("b", 1.0)),
				List.of(hit("a", 0.9), hit("c", 0.2)));
		assertThat(fused).extracting(Hit::text).containsExactly("a", "b", "c");
		assertThat(fused.getFirst().score()).isCloseTo(1.0, within(1e-9));
		assertThat(fused).allSatisfy((hit) -> assertThat(hit.score()).isBetween(0.0, 1.0));
	}

	@Test
	void theScaleOfEachRankingsScoresDoesNotMatter() {
		List<Hit> lexical = List.of(hit("a", 0.9), hit("b", 0.5), hit("c", 0.1));
		List<Hit> semantic = List.of(hit("c", 0.8), hit("d", 0.7), hit("a", 0.1));
		List<Hit> scaled = lexical.stream().map((hit) -> hit(hit.text(), 1000 * hit.score() + 7)).toList();
		assertThat(ScoreFusion.fuse(10, scaled, semantic)).extracting(Hit::text)
			.containsExactlyElementsOf(ScoreFusion.fuse(10, lexical, semantic).stream().map(Hit::text).toList());
	}

	@Test
	void aRankingWhoseCandidatesAllScoreTheSameCountsThemAllAsMatches() {
		List<Hit> fused = ScoreFusion.fuse(10, List.of(hit("a", 2.0), hit("b", 2.0)), List.of(hit("b", 0.7)));
		assertThat(fused).extracting(Hit::text).containsExactly("b", "a");
		assertThat(fused.getFirst().score()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void tiesAreBrokenByChunkIdSoTheOrderIsStable() {
		Hit x = hit("x", 1.0);
		Hit y = hit("y", 1.0);
		List<Hit> fused = ScoreFusion.fuse(10, List.of(x), List.of(y));
		assertThat(fused).extracting(Hit::chunkId)
			.containsExactly(x.chunkId().compareTo(y.chunkId()) < 0 ? x.chunkId() : y.chunkId(),
					x.chunkId().compareTo(y.chunkId()) < 0 ? y.chunkId() : x.chunkId());
	}

	@Test
	void theLimitCutsAndEmptyRankingsAreFine() {
		assertThat(ScoreFusion.fuse(2, List.of(hit("a", 3), hit("b", 2), hit("c", 1)), List.of())).extracting(Hit::text)
			.containsExactly("a", "b");
		assertThat(ScoreFusion.fuse(5, List.of(), List.of(hit("s", 0.3)))).extracting(Hit::text).containsExactly("s");
		assertThat(ScoreFusion.fuse(5, List.of(), List.of())).isEmpty();
	}

	private static Hit hit(String text, double score) {
		return new Hit(UUID.nameUUIDFromBytes(text.getBytes()), PAPER, 1, null, text, score);
	}

}
