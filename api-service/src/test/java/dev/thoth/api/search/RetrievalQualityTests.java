package dev.thoth.api.search;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.thoth.api.search.RetrievalQuality.Answer;
import dev.thoth.api.search.RetrievalQuality.Query;
import dev.thoth.api.search.RetrievalQuality.Score;
import dev.thoth.api.search.RetrievalQuality.StoredChunk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scoring of the retrieval benchmark, which decides what its numbers mean. */
class RetrievalQualityTests {

	private final UUID one = UUID.randomUUID();

	private final UUID two = UUID.randomUUID();

	private final UUID three = UUID.randomUUID();

	private final UUID other = UUID.randomUUID();

	@Test
	void normalisingKeepsOnlyLettersAndDigitsSoExtractionDetailsDoNotDecideAMatch() {
		assertThat(RetrievalQuality.normalized("The ﬁtting prob-\nlem, Lemaı̂tre–Tolman “model” 0.64"))
			.isEqualTo("thefittingproblemlemaitretolmanmodel064");
	}

	@Test
	void aChunkHoldsAnAnswerOnItsPaperFromItsPageOrUpToTwoPagesBefore() {
		Answer answer = new Answer("a.pdf", 5, "shell crossing singularity");
		assertThat(RetrievalQuality.holds(chunk(this.one, "a.pdf", 5, "the shell crossing singularity can"), answer))
			.isTrue();
		assertThat(RetrievalQuality.holds(chunk(this.one, "a.pdf", 3, "the shell-crossing singularity"), answer))
			.isTrue();
		assertThat(RetrievalQuality.holds(chunk(this.one, "a.pdf", 2, "the shell crossing singularity"), answer))
			.isFalse();
		assertThat(RetrievalQuality.holds(chunk(this.one, "a.pdf", 6, "the shell crossing singularity"), answer))
			.isFalse();
		assertThat(RetrievalQuality.holds(chunk(this.one, "b.pdf", 5, "the shell crossing singularity"), answer))
			.isFalse();
		assertThat(RetrievalQuality.holds(chunk(this.one, "a.pdf", 5, "the shell crossing"), answer)).isFalse();
	}

	@Test
	void aSecondChunkWithAnAnswerAlreadyFoundGainsNothing() {
		// Answer 1 is held by two overlapping chunks, answer 2 by a third.
		List<Set<UUID>> relevant = List.of(Set.of(this.one, this.two), Set.of(this.three));
		Score best = RetrievalQuality.score(List.of(this.one, this.three, this.other), relevant);
		assertThat(best.ndcg()).isCloseTo(1.0, within(1e-9));
		assertThat(best.recall()).isEqualTo(1.0);
		assertThat(best.firstRelevantRank()).isEqualTo(1);
		Score duplicate = RetrievalQuality.score(List.of(this.one, this.two, this.three), relevant);
		assertThat(duplicate.ndcg()).isCloseTo((1 + 1 / log2(4)) / (1 + 1 / log2(3)), within(1e-9));
		assertThat(duplicate.recall()).isEqualTo(1.0);
	}

	@Test
	void onlyTheTopTenCountAndNothingFoundScoresZero() {
		List<UUID> ranking = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ranking.add(UUID.randomUUID());
		}
		ranking.add(this.one);
		Score missed = RetrievalQuality.score(ranking, List.of(Set.of(this.one)));
		assertThat(missed.ndcg()).isZero();
		assertThat(missed.recall()).isZero();
		assertThat(missed.reciprocalRank()).isZero();
		assertThat(missed.firstRelevantRank()).isZero();
		Score half = RetrievalQuality.score(List.of(this.other, this.one),
				List.of(Set.of(this.one), Set.of(this.three)));
		assertThat(half.recall()).isEqualTo(0.5);
		assertThat(half.reciprocalRank()).isEqualTo(0.5);
	}

	@Test
	void theLabelledQueriesAreWellFormedAndMixed() {
		List<Query> queries = RetrievalQuality.queries();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(40);
		long exact = queries.stream().filter((q) -> q.kind().equals("exact")).count();
		assertThat(exact).isBetween(queries.size() * 2L / 5, queries.size() * 3L / 5);
		assertThat(queries).allSatisfy((query) -> assertThat(query.answers()).isNotEmpty()
			.allSatisfy((answer) -> assertThat(RetrievalQuality.normalized(answer.passage())).isNotEmpty()));
	}

	private static StoredChunk chunk(UUID id, String file, int page, String text) {
		return new StoredChunk(id, file, page, text, RetrievalQuality.normalized(text));
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

}
