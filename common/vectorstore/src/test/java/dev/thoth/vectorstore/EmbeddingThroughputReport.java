package dev.thoth.vectorstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not part of the test run (the name does not end in Tests): chunks per second
 * of the bare model (langchain4j's in-process all-MiniLM-L6-v2-q with its own executor,
 * and one thread calling it chunk by chunk) against our {@link Embedder} over the same
 * chunks; writes {@code bench/results/embedding.md}. Run with
 * {@code ./mvnw -pl common/vectorstore test -Dtest=EmbeddingThroughputReport}; about 30 s
 * on 2 cores.
 */
class EmbeddingThroughputReport {

	private static final String[] SENTENCES = {
			"We propose a method for learning sentence representations from unlabeled text.",
			"The encoder maps each token to a contextual vector using stacked self-attention layers.",
			"Experiments on five benchmarks show consistent improvements over strong baselines.",
			"Training uses the Adam optimizer with a linear warm-up followed by cosine decay.",
			"Ablations indicate that the contrastive objective accounts for most of the gain.",
			"Related work on retrieval-augmented generation combines a dense retriever with a generator.",
			"Protein structures were predicted from multiple sequence alignments and refined by relaxation.",
			"The survey covers 412 participants recruited from three universities in 2021.",
			"Error bars denote the standard deviation over five random seeds.",
			"Our analysis reveals that performance degrades for documents longer than 4,096 tokens.",
			"Future work will investigate multilingual transfer and low-resource settings.",
			"The dataset is released under a permissive license together with the evaluation scripts.",
			"Figure 3 compares the convergence of both methods as a function of the batch size.",
			"In contrast to previous approaches, our model does not require labeled pairs.",
			"We observe a strong correlation between perplexity and downstream accuracy (r = 0.81)." };

	@Test
	void report() throws IOException {
		List<String> texts = chunks(96);
		double words = texts.stream().mapToInt((t) -> t.split(" ").length).average().orElse(0);
		List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();

		AllMiniLmL6V2QuantizedEmbeddingModel bare = new AllMiniLmL6V2QuantizedEmbeddingModel();
		try (Embedder embedder = new Embedder()) {
			// Warm up both paths.
			bare.embedAll(segments.subList(0, 8));
			embedder.embed(texts.subList(0, 8));

			double bareParallel = 0;
			double ours = 0;
			for (int round = 0; round < 2; round++) {
				bareParallel = Math.max(bareParallel, rate(texts.size(), () -> bare.embedAll(segments)));
				ours = Math.max(ours, rate(texts.size(), () -> embedder.embed(texts)));
			}
			double bareSequential = rate(32, () -> segments.subList(0, 32).forEach(bare::embed));
			double[] query = queryMillis(embedder, queries(1800));

			double ratio = ours / bareParallel;
			String report = """
					# Embedding throughput

					all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) in process, %d chunks of %.0f words on average \
					(paper-like text, cut by the Chunker). Best of 2 rounds after a warm-up. \
					`EmbeddingThroughputReport` in common/vectorstore writes this file.

					| path | chunks/s |
					|---|---:|
					| bare model, one thread, chunk by chunk (`model.embed`) | %.1f |
					| bare model, its own executor (`model.embedAll`) | %.1f |
					| our embed path (`Embedder.embed`) | %.1f |

					Our path reaches **%.0f %%** of the model's own throughput (target: at least 80 %%).

					A search by meaning embeds its query first: one query of 2 to 5 words (as long as \
					`bench/search-latency.sh`'s), one after another on our path, takes a median \
					**%.2f ms** (95th percentile %.2f ms) over 1,500 new queries after 300 to warm up. The model's \
					cost grows with the tokens, not the words: it is the largest single part of a search by \
					meaning's CPU (bench/results/search-latency.md).

					Machine: %d cores, Java %s, %s. Measured %s.
					""".formatted(texts.size(), words, bareSequential, bareParallel, ours, ratio * 100, query[0],
					query[1], Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
					System.getProperty("os.arch"), LocalDate.now());
			Path file = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "bench", "results",
					"embedding.md");
			Files.createDirectories(file.getParent());
			Files.writeString(file, report);
			System.out.println(report);
			assertThat(ratio).isGreaterThanOrEqualTo(0.8);
		}
	}

	/** Median and 95th percentile in ms of embedding each query, after 300 to warm up. */
	private static double[] queryMillis(Embedder embedder, List<String> queries) {
		queries.subList(0, 300).forEach(embedder::embed);
		List<String> measured = queries.subList(300, queries.size());
		long[] nanos = new long[measured.size()];
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			embedder.embed(measured.get(i));
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return new double[] { nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6 };
	}

	/** New queries of 2 to 5 words from the sentences, each different. */
	private static List<String> queries(int count) {
		Random random = new Random(7);
		List<String> words = new ArrayList<>();
		for (String sentence : SENTENCES) {
			for (String word : sentence.replaceAll("[^A-Za-z ]", " ").split(" +")) {
				if (word.length() > 3) {
					words.add(word.toLowerCase(Locale.ROOT));
				}
			}
		}
		Set<String> queries = new LinkedHashSet<>();
		while (queries.size() < count) {
			int length = 2 + random.nextInt(4);
			StringBuilder query = new StringBuilder();
			for (int i = 0; i < length; i++) {
				query.append((i > 0) ? " " : "").append(words.get(random.nextInt(words.size())));
			}
			queries.add(query.toString());
		}
		return new ArrayList<>(queries);
	}

	private static double rate(int count, Runnable work) {
		long start = System.nanoTime();
		work.run();
		return count / ((System.nanoTime() - start) / 1e9);
	}

	/** Paper-like chunks: sections of shuffled sentences, cut by the Chunker. */
	private static List<String> chunks(int count) {
		Random random = new Random(42);
		List<PageText> pages = new ArrayList<>();
		for (int page = 1; page <= 60; page++) {
			StringBuilder text = new StringBuilder((page % 4 == 1) ? (page / 4 + 1) + " Section Title\n" : "");
			for (int i = 0; i < 40; i++) {
				text.append(SENTENCES[random.nextInt(SENTENCES.length)]).append((i % 6 == 5) ? "\n" : " ");
			}
			pages.add(new PageText(page, text.toString()));
		}
		List<String> texts = new Chunker().chunk(UUID.randomUUID(), pages).stream().map(Chunk::text).toList();
		assertThat(texts).hasSizeGreaterThanOrEqualTo(count);
		return texts.subList(0, count);
	}

}
