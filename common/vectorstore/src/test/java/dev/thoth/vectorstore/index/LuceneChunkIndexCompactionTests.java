package dev.thoth.vectorstore.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A just-built index is merged into one segment (below the largest merged segment's size)
 * and answers as before.
 */
class LuceneChunkIndexCompactionTests {

	private static final int DIMENSIONS = 8;

	@TempDir
	Path folder;

	@Test
	void compactingMergesTheSegmentsAndKeepsTheResults() throws Exception {
		try (LuceneChunkIndex index = LuceneChunkIndex.create(this.folder,
				new LuceneChunkIndex.Layout(true, DIMENSIONS, "test-model"), "g1", 0)) {
			Random random = new Random(7);
			for (int paper = 0; paper < 6; paper++) {
				UUID paperId = UUID.randomUUID();
				List<IndexedChunk> chunks = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					float[] vector = new float[DIMENSIONS];
					for (int d = 0; d < DIMENSIONS; d++) {
						vector[d] = random.nextFloat() - 0.5f;
					}
					chunks.add(new IndexedChunk(
							new Chunk(UUID.randomUUID(), paperId, i, 1, "Results",
									"passage " + i + " of paper " + paper
											+ " about graph kernels and sparse attention"),
							"Paper " + paper, List.of("Ada Lovelace"), 2020, vector));
				}
				index.add(chunks);
				// Each refresh flushes what was added: one segment a paper.
				index.refresh();
			}
			assertThat(index.segments()).isGreaterThan(1);
			assertThat(index.shape()).isEqualTo(new LuceneChunkIndex.Shape(30, index.segments()));
			List<Hit> lexical = index.lexical(SearchQuery.parse("graph kernels"), 10, Filter.any());
			float[] query = { 0.1f, -0.2f, 0.3f, 0.1f, 0f, 0.2f, -0.1f, 0.4f };
			List<Hit> semantic = index.semantic(query, 10, Filter.any());

			index.compact();
			index.refresh();

			assertThat(index.segments()).isEqualTo(1);
			assertThat(index.count()).isEqualTo(30);
			assertThat(index.shape()).isEqualTo(new LuceneChunkIndex.Shape(30, 1));
			assertThat(ids(index.lexical(SearchQuery.parse("graph kernels"), 10, Filter.any())))
				.containsExactlyInAnyOrderElementsOf(ids(lexical));
			assertThat(ids(index.semantic(query, 10, Filter.any()))).containsExactlyElementsOf(ids(semantic));
		}
	}

	private static List<UUID> ids(List<Hit> hits) {
		return hits.stream().map(Hit::chunkId).toList();
	}

}
