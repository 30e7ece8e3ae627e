package dev.thoth.discovery.ranking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.thoth.vectorstore.Embedder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bench/discovery-ranking.sh: nDCG@10 on held-back judgments as feedback grows. For each
 * of 50 random splits of the judged set, 60% of the papers are the pool the researcher
 * gives feedback on and 40% are held back; with k papers of feedback (drawn from the
 * pool, at least one of each kind from k = 2), the held-back papers are ranked by their
 * score and their nDCG@10 measured. Written to bench/results/discovery-ranking.md.
 */
@Tag("benchmark")
class RankingBenchmark {

	static final int SPLITS = 50;

	static final int[] FEEDBACK = { 0, 2, 4, 8, 12, 16, 21 };

	@Test
	void ndcgRisesWithFeedback() throws Exception {
		try (Embedder embedder = new Embedder()) {
			JudgedPapers judged = JudgedPapers.load(embedder);
			float[] meaning = embedder.embed(judged.query().text());
			double[] sums = new double[FEEDBACK.length];
			double[] lexicalOnly = new double[1];
			Random random = new Random(42);
			for (int split = 0; split < SPLITS; split++) {
				List<JudgedPapers.Paper> papers = new ArrayList<>(judged.papers());
				Collections.shuffle(papers, random);
				int cut = (int) Math.round(papers.size() * 0.6);
				List<JudgedPapers.Paper> pool = papers.subList(0, cut);
				List<JudgedPapers.Paper> heldBack = papers.subList(cut, papers.size());
				for (int f = 0; f < FEEDBACK.length; f++) {
					List<QueryClassifier.Example> examples = feedback(pool, FEEDBACK[f]);
					QueryClassifier classifier = QueryClassifier.canTrain(examples) ? QueryClassifier.train(examples)
							: null;
					Relevance.Context context = new Relevance.Context(judged.query(), meaning, List.of(), List.of(),
							classifier);
					sums[f] += JudgedPapers.ndcg(rank(heldBack, context), 10);
				}
				Relevance.Context words = new Relevance.Context(judged.query(), null, List.of(), List.of(), null);
				lexicalOnly[0] += JudgedPapers.ndcg(rank(heldBack, words), 10);
			}
			StringBuilder table = new StringBuilder();
			table.append("# Discovery ranking: nDCG@10 as feedback grows\n\n")
				.append("`bench/discovery-ranking.sh`, ")
				.append(LocalDate.now())
				.append(". The judged set is `discovery-service/src/test/resources/bench/judged.json`: one research ")
				.append("interest (inhomogeneities and averaging as the explanation of the apparent acceleration, ")
				.append("not dark-energy fluids or modified gravity), the query `cosmic acceleration`, ")
				.append("`backreaction`, `inhomogeneous cosmology`, and 36 papers (14 wanted), each a title and a ")
				.append("short abstract written for this benchmark, among them the distractors such a query draws ")
				.append("in: dark-energy models that talk of cosmic acceleration, other meanings of backreaction and ")
				.append("acceleration. It is small and made by hand: it shows the mechanism, not a general figure.\n\n")
				.append("For each of ")
				.append(SPLITS)
				.append(" random splits, 60% of the papers are the pool the researcher judges and 40% are held ")
				.append("back; with k judged papers from the pool (at least one of each kind from k = 2) the query's ")
				.append("classifier (liblinear logistic regression over tf-idf and the all-MiniLM-L6-v2 embedding) is ")
				.append("trained and blended into the score as the service does; the held-back papers are ranked by ")
				.append("score. Mean nDCG@10 of the held-back papers:\n\n")
				.append("| feedback (judged papers) | nDCG@10 |\n|---:|---:|\n");
			table.append(String.format("| 0, words only (no embedding) | %.3f |%n", lexicalOnly[0] / SPLITS));
			for (int f = 0; f < FEEDBACK.length; f++) {
				table.append(String.format("| %d | %.3f |%n", FEEDBACK[f], sums[f] / SPLITS));
			}
			Path out = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
				.resolve("bench/results/discovery-ranking.md");
			Files.createDirectories(out.getParent());
			Files.writeString(out, table.toString());
			System.out.println(table);
		}
	}

	private static List<QueryClassifier.Example> feedback(List<JudgedPapers.Paper> pool, int k) {
		List<QueryClassifier.Example> examples = new ArrayList<>();
		List<JudgedPapers.Paper> wanted = pool.stream().filter(JudgedPapers.Paper::relevant).toList();
		List<JudgedPapers.Paper> unwanted = pool.stream().filter((p) -> !p.relevant()).toList();
		List<JudgedPapers.Paper> chosen = new ArrayList<>();
		if (k >= 2 && !wanted.isEmpty() && !unwanted.isEmpty()) {
			chosen.add(wanted.get(0));
			chosen.add(unwanted.get(0));
		}
		for (JudgedPapers.Paper paper : pool) {
			if (chosen.size() >= k) {
				break;
			}
			if (!chosen.contains(paper)) {
				chosen.add(paper);
			}
		}
		chosen.forEach((p) -> examples.add(new QueryClassifier.Example(p.text(), p.embedding(), p.relevant())));
		return examples;
	}

	private static List<JudgedPapers.Paper> rank(List<JudgedPapers.Paper> papers, Relevance.Context context) {
		return papers.stream()
			.sorted(Comparator
				.comparingDouble((JudgedPapers.Paper p) -> -Relevance.score(p.asPaper(), context).score()))
			.toList();
	}

}
