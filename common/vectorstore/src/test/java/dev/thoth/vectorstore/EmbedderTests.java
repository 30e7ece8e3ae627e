package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The in-process model: no server, no download. */
class EmbedderTests {

	static final Embedder embedder = new Embedder();

	@AfterAll
	static void close() {
		embedder.close();
	}

	@Test
	void vectorsHave384DimensionsAndUnitLength() {
		assertThat(embedder.dimensions()).isEqualTo(384);
		assertThat(embedder.modelName()).isEqualTo("all-MiniLM-L6-v2-q");
		List<float[]> vectors = embedder.embed(List.of("A sentence.", "Another, longer sentence about proteins."));
		assertThat(vectors).hasSize(2).allSatisfy((vector) -> {
			assertThat(vector).hasSize(384);
			assertThat(Vectors.dot(vector, vector)).isCloseTo(1.0, within(1e-4));
		});
		assertThat(embedder.embed(List.of())).isEmpty();
		assertThat(embedder.embed(List.of("", "   "))).hasSize(2);
	}

	@Test
	void paraphrasesAreCloserThanUnrelatedSentences() {
		List<float[]> v = embedder.embed(List.of("The cat sat on the mat.", "A kitten was sitting on the rug.",
				"Quarterly revenue grew by eight percent.", "How do plants turn light into sugar?",
				"Photosynthesis converts sunlight into glucose in chloroplasts."));
		assertThat(Vectors.cosine(v.get(0), v.get(1))).isGreaterThan(Vectors.cosine(v.get(0), v.get(2)) + 0.2);
		assertThat(Vectors.cosine(v.get(3), v.get(4))).isGreaterThan(Vectors.cosine(v.get(3), v.get(2)) + 0.2);
	}

	@Test
	void deterministicAndIndependentOfTheBatch() {
		float[] alone = embedder.embed("Self-attention relates every token to every other token.");
		List<float[]> batch = embedder.embed(List.of("Something else entirely.",
				"Self-attention relates every token to every other token.", "And a third sentence."));
		assertThat(embedder.embed("Self-attention relates every token to every other token.")).isEqualTo(alone);
		assertThat(Vectors.cosine(alone, batch.get(1))).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void longTextsAreEmbeddedWhole() {
		String longText = "Neural networks learn representations. ".repeat(300);
		assertThat(embedder.embed(longText)).hasSize(384);
	}

	@Test
	void threadSafe() throws Exception {
		List<String> texts = List.of("alpha beta gamma", "protein folding", "graph neural networks", "dark matter");
		List<float[]> expected = embedder.embed(texts);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<float[]>>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(pool.submit(() -> embedder.embed(texts)));
			}
			for (Future<List<float[]>> result : results) {
				List<float[]> vectors = result.get();
				for (int i = 0; i < texts.size(); i++) {
					assertThat(Vectors.cosine(vectors.get(i), expected.get(i))).isCloseTo(1.0, within(1e-5));
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
