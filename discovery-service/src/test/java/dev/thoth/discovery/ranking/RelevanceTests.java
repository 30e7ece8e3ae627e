package dev.thoth.discovery.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.thoth.vectorstore.Embedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores from 0 to 1 with their reasons, on the judged set with the real embedder: the
 * wanted papers rank first before any feedback, and the classifier trained on feedback
 * learns the researcher's line (dark-energy fluids are not wanted) and says why.
 */
class RelevanceTests {

	static Embedder embedder;

	static JudgedPapers judged;

	@BeforeAll
	static void load() throws Exception {
		embedder = new Embedder(2);
		judged = JudgedPapers.load(embedder);
	}

	@AfterAll
	static void close() {
		embedder.close();
	}

	@Test
	void everyScoreIsBetweenZeroAndOneAndExplained() {
		Relevance.Context context = new Relevance.Context(judged.query(), embedder.embed(judged.query().text()),
				List.of(new Relevance.Known(UUID.randomUUID(), "Dark energy from backreaction",
						judged.papers().get(2).embedding())),
				List.of(), null);
		for (JudgedPapers.Paper paper : judged.papers()) {
			Relevance.Scored scored = Relevance.score(paper.asPaper(), context);
			assertThat(scored.score()).isBetween(0.0, 1.0);
			assertThat(scored.explanation().summary()).isNotBlank();
			assertThat(scored.explanation().library()).isNotNull();
			assertThat(scored.explanation().similarLibraryPapers()).hasSize(1);
		}
		Relevance.Scored backreaction = Relevance.score(judged.papers().get(2).asPaper(), context);
		assertThat(backreaction.explanation().matchedTerms()).containsExactly("backreaction");
		assertThat(backreaction.explanation().similarLibraryPapers().get(0).similarity()).isGreaterThan(0.99);
		Relevance.Scored optimisation = Relevance.score(judged.papers().get(34).asPaper(), context);
		assertThat(optimisation.score()).isLessThan(backreaction.score());
	}

	@Test
	void theClassifierLearnsFromFeedbackAndItsStrongestFeaturesExplainIt() {
		List<QueryClassifier.Example> feedback = new ArrayList<>();
		for (int i : new int[] { 0, 1, 2, 3, 14, 15, 16, 17 }) {
			JudgedPapers.Paper paper = judged.papers().get(i);
			feedback.add(new QueryClassifier.Example(paper.text(), paper.embedding(), paper.relevant()));
		}
		QueryClassifier classifier = QueryClassifier.train(feedback);
		QueryClassifier restored = QueryClassifier.restore(classifier.model(), classifier.vocabulary(),
				Embedder.DIMENSIONS, classifier.positives(), classifier.negatives());
		JudgedPapers.Paper wanted = judged.papers().get(6);
		JudgedPapers.Paper fluid = judged.papers().get(19);
		assertThat(restored.probability(wanted.text(), wanted.embedding()))
			.isGreaterThan(restored.probability(fluid.text(), fluid.embedding()));
		assertThat(restored.probability(wanted.text(), wanted.embedding()))
			.isEqualTo(classifier.probability(wanted.text(), wanted.embedding()));

		Relevance.Context context = new Relevance.Context(judged.query(), embedder.embed(judged.query().text()),
				List.of(), List.of(), classifier);
		Relevance.Scored scored = Relevance.score(fluid.asPaper(), context);
		assertThat(scored.explanation().classifier().positives()).isEqualTo(4);
		assertThat(scored.explanation().classifier().negatives()).isEqualTo(4);
		assertThat(scored.explanation().classifier().strongestFeatures()).isNotEmpty();
		assertThat(scored.explanation().summary()).contains("classifier");
	}

	@Test
	void beforeFeedbackTheWantedPapersAreRankedAboveMostDistractors() {
		Relevance.Context context = new Relevance.Context(judged.query(), embedder.embed(judged.query().text()),
				List.of(), List.of(), null);
		List<JudgedPapers.Paper> ranked = judged.papers()
			.stream()
			.sorted(Comparator
				.comparingDouble((JudgedPapers.Paper p) -> -Relevance.score(p.asPaper(), context).score()))
			.toList();
		assertThat(JudgedPapers.ndcg(ranked, 10)).isGreaterThan(0.5);
	}

	@Test
	void aClassifierNeedsBothKindsOfFeedback() {
		JudgedPapers.Paper paper = judged.papers().get(0);
		assertThat(
				QueryClassifier.canTrain(List.of(new QueryClassifier.Example(paper.text(), paper.embedding(), true))))
			.isFalse();
	}

}
