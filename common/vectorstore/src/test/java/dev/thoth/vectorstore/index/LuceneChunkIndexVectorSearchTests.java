package dev.thoth.vectorstore.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A search by meaning over an index of several segments (as a large library's is) finds
 * the exact nearest passages in every segment, with their exact scores.
 */
class LuceneChunkIndexVectorSearchTests {

	private static final int DIMENSIONS = 16;

	private static final int SEGMENTS = 4;

	private static final int PER_SEGMENT = 500;

	@TempDir
	Path folder;

	@Test
	void everySegmentIsSearchedForTheNearest() throws Exception {
		Random random = new Random(11);
		List<UUID> ids = new ArrayList<>();
		List<float[]> vectors = new ArrayList<>();
		try (LuceneChunkIndex index = LuceneChunkIndex.create(this.folder,
				new LuceneChunkIndex.Layout(true, DIMENSIONS, "test-model"), "g1", 0)) {
			for (int segment = 0; segment < SEGMENTS; segment++) {
				UUID paperId = UUID.randomUUID();
				List<IndexedChunk> chunks = new ArrayList<>();
				for (int i = 0; i < PER_SEGMENT; i++) {
					float[] vector = unit(random);
					UUID id = UUID.randomUUID();
					ids.add(id);
					vectors.add(vector);
					chunks.add(new IndexedChunk(new Chunk(id, paperId, i, 1, null, "passage " + i), "Paper " + segment,
							List.of("Ada Lovelace"), 2020, vector));
				}
				index.add(chunks);
				// Each refresh flushes what was added: one segment a paper.
				index.refresh();
			}
			assertThat(index.segments()).isEqualTo(SEGMENTS);
			int found = 0;
			int queries = 20;
			for (int q = 0; q < queries; q++) {
				float[] query = unit(random);
				Set<UUID> exact = new HashSet<>();
				IntStream.range(0, ids.size())
					.boxed()
					.sorted(Comparator.comparingDouble((Integer i) -> -dot(query, vectors.get(i))))
					.limit(10)
					.forEach((i) -> exact.add(ids.get(i)));
				List<Hit> hits = index.semantic(query, 10, Filter.any());
				assertThat(hits).hasSize(10);
				for (Hit hit : hits) {
					if (exact.contains(hit.chunkId())) {
						found++;
					}
					float[] vector = vectors.get(ids.indexOf(hit.chunkId()));
					assertThat(hit.score()).isCloseTo(dot(query, vector), within(1e-4));
				}
			}
			assertThat(found / (10.0 * queries)).isGreaterThanOrEqualTo(0.98);
		}
	}

	@Test
	void everyHitCarriesItsOwnPassageFromWhicheverSegmentHoldsIt() throws Exception {
		// The passages are read from doc values in document order, across segments, and
		// given back in rank order: each hit must carry its own text, page and section.
		Random random = new Random(5);
		List<Chunk> chunks = new ArrayList<>();
		List<float[]> vectors = new ArrayList<>();
		try (LuceneChunkIndex index = LuceneChunkIndex.create(this.folder,
				new LuceneChunkIndex.Layout(true, DIMENSIONS, "test-model"), "g1", 0)) {
			for (int segment = 0; segment < 3; segment++) {
				UUID paperId = UUID.randomUUID();
				List<IndexedChunk> indexed = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					String text = (i == 7) ? "long passage ".repeat(8_000) + segment
							: "passage " + segment + "." + i + " über Zürich, 数据 🚀";
					Chunk chunk = new Chunk(UUID.randomUUID(), paperId, i, 1 + i % 9,
							(i % 2 == 0) ? null : "§ " + segment + "." + i, text);
					float[] vector = unit(random);
					chunks.add(chunk);
					vectors.add(vector);
					indexed.add(new IndexedChunk(chunk, "Paper " + segment, List.of(), 2020, vector));
				}
				index.add(indexed);
				index.refresh();
			}
			assertThat(index.segments()).isEqualTo(3);
			for (int probe : List.of(0, 7, 57, 101, 149)) {
				List<Hit> hits = index.semantic(vectors.get(probe), 10, Filter.any());
				assertThat(hits).hasSize(10);
				assertThat(hits.get(0).chunkId()).isEqualTo(chunks.get(probe).id());
				for (Hit hit : hits) {
					Chunk chunk = chunks.stream().filter((c) -> c.id().equals(hit.chunkId())).findFirst().orElseThrow();
					assertThat(hit.text()).isEqualTo(chunk.text());
					assertThat(hit.page()).isEqualTo(chunk.page());
					assertThat(hit.section()).isEqualTo(chunk.section());
					assertThat(hit.paperId()).isEqualTo(chunk.paperId());
				}
			}
		}
	}

	@Test
	void theVectorQueryGivesEverySegmentTheWholeBeam() throws Exception {
		// Lucene's optimistic collection gives a segment only its share of the beam
		// (at 1M passages in 6 segments, 0.91 of the exact nearest instead of 0.95).
		LuceneChunkIndex.EverySegmentKnnQuery query = (LuceneChunkIndex.EverySegmentKnnQuery) LuceneChunkIndex
			.nearest(new float[DIMENSIONS], 240, null);
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
			writer.commit();
			try (DirectoryReader reader = DirectoryReader.open(directory)) {
				assertThat(query.getKnnCollectorManager(240, new IndexSearcher(reader)).isOptimistic()).isFalse();
			}
		}
		assertThat(query.toString()).contains("vector");
	}

	@Test
	void aLargerGraphIsSearchedWithAWiderBeam() throws Exception {
		// A library of 3,000 papers fits one segment and keeps the cheaper beam; a
		// million passages make segments past the threshold.
		assertThat(LuceneChunkIndex.beam(100_000, 10)).isEqualTo(LuceneChunkIndex.MIN_VECTOR_CANDIDATES);
		assertThat(LuceneChunkIndex.beam(LuceneChunkIndex.LARGE_GRAPH, 10))
			.isEqualTo(LuceneChunkIndex.MIN_VECTOR_CANDIDATES);
		assertThat(LuceneChunkIndex.beam(262_000, 10)).isEqualTo(LuceneChunkIndex.LARGE_GRAPH_VECTOR_CANDIDATES);
		// More hits than the beam asked for widen it to them.
		assertThat(LuceneChunkIndex.beam(10, 500)).isEqualTo(500);
	}

	@Test
	void theLargestSegmentSetsTheBeamCountingItsDeletedPassages() throws Exception {
		// Deleted passages stay in a segment's graph until a merge, and a search steps
		// over them.
		IndexWriterConfig unmerged = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, unmerged)) {
			for (int segment : new int[] { 3, 7, 5 }) {
				for (int i = 0; i < segment; i++) {
					Document passage = new Document();
					passage.add(new StringField("id", segment + "-" + i, Field.Store.NO));
					writer.addDocument(passage);
				}
				writer.commit();
			}
			writer.deleteDocuments(new Term("id", "7-0"), new Term("id", "7-1"));
			writer.commit();
			try (DirectoryReader reader = DirectoryReader.open(directory)) {
				assertThat(reader.leaves()).hasSize(3);
				assertThat(LuceneChunkIndex.largestSegment(reader)).isEqualTo(7);
				assertThat(LuceneChunkIndex.beam(reader, 10)).isEqualTo(LuceneChunkIndex.MIN_VECTOR_CANDIDATES);
			}
		}
	}

	private static float[] unit(Random random) {
		float[] vector = new float[DIMENSIONS];
		double sum = 0;
		for (int d = 0; d < DIMENSIONS; d++) {
			vector[d] = (float) random.nextGaussian();
			sum += vector[d] * vector[d];
		}
		for (int d = 0; d < DIMENSIONS; d++) {
			vector[d] /= (float) Math.sqrt(sum);
		}
		return vector;
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

}
