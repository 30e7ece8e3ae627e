package dev.thoth.api.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import dev.thoth.api.support.CorpusText;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.index.LuceneChunkIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (tag {@code benchmark}): how well and how fast the vector search
 * finds the exact ten nearest on an index of several segments, with Lucene's default
 * beams (each segment its share of the candidates plus a margin, a second pass on the
 * promising ones: {@code opt}) and with the whole beam in every segment ({@code full},
 * {@link LuceneChunkIndex#nearest}). Reads an index that {@code bench/search-latency.sh}
 * left (at 1M passages, six segments), takes every vector from it for the exact scan, and
 * prints recall@10 of the top 10 over 200 new queries and the time a query takes on one
 * thread:
 *
 * <pre>
 * ./mvnw -pl api-service -am test -Dtest=KnnStrategyProbe -Dsurefire.excludedGroups= \
 *   -Dsurefire.failIfNoSpecifiedTests=false \
 *   -DargLine="--add-modules=jdk.incubator.vector -Xmx4g -Dprobe.index=DIR \
 *   -Dprobe.strategies=opt:240,full:240"
 * </pre>
 */
@Tag("benchmark")
class KnnStrategyProbe {

	@Test
	void probe() throws Exception {
		Path path = Path.of(System.getProperty("probe.index"));
		try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(path));
				Embedder embedder = new Embedder()) {
			IndexSearcher searcher = new IndexSearcher(reader);
			int max = reader.maxDoc();
			float[][] all = new float[max][];
			for (LeafReaderContext leaf : reader.leaves()) {
				FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
				KnnVectorValues.DocIndexIterator it = values.iterator();
				for (int d = it.nextDoc(); d != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; d = it.nextDoc()) {
					all[leaf.docBase + d] = values.vectorValue(it.index()).clone();
				}
				System.out.println("leaf " + leaf.ord + " maxDoc " + leaf.reader().maxDoc());
			}
			List<CorpusText.Paper> corpus = CorpusText.papers();
			SyntheticLibrary library = new SyntheticLibrary(
					SyntheticLibrary.passagesOf(corpus.stream().map(CorpusText.Paper::pages).toList()), 99L);
			List<String> texts = library.queries(300);
			List<float[]> queries = new ArrayList<>();
			for (String t : texts) {
				queries.add(VectorUtil.l2normalize(embedder.embed(t).clone()));
			}
			List<Set<Integer>> exact = new ArrayList<>();
			for (float[] q : queries.subList(0, 200)) {
				PriorityQueue<float[]> best = new PriorityQueue<>((a, b) -> Float.compare(a[0], b[0]));
				for (int d = 0; d < max; d++) {
					if (all[d] == null) {
						continue;
					}
					float s = VectorUtil.dotProduct(q, all[d]);
					if (best.size() < 10 || s > best.peek()[0]) {
						best.add(new float[] { s, d });
						if (best.size() > 10) {
							best.poll();
						}
					}
				}
				Set<Integer> ids = new HashSet<>();
				best.forEach((e) -> ids.add((int) e[1]));
				exact.add(ids);
			}
			for (String strategy : System.getProperty("probe.strategies", "opt:240,opt:400,opt:600,full:240,full:160")
				.split(",")) {
				String[] parts = strategy.split(":");
				boolean full = parts[0].equals("full");
				int k = Integer.parseInt(parts[1]);
				// 100 other queries first, so that the search is compiled before it is
				// timed
				for (float[] q : queries.subList(200, 300)) {
					search(searcher, q, k, full);
				}
				double recall = 0;
				long start = System.nanoTime();
				for (int i = 0; i < 200; i++) {
					int[] top = search(searcher, queries.get(i), k, full);
					int found = 0;
					for (int d : top) {
						if (exact.get(i).contains(d)) {
							found++;
						}
					}
					recall += found / 10.0;
				}
				double ms = (System.nanoTime() - start) / 1e6 / 200;
				System.out.printf("PROBE %s k=%d recall=%.3f ms/query=%.2f%n", full ? "full" : "optimistic", k,
						recall / 200, ms);
			}
		}
	}

	static int[] search(IndexSearcher searcher, float[] q, int k, boolean full) throws Exception {
		Query query = full ? LuceneChunkIndex.nearest(q, k, null) : new KnnFloatVectorQuery("vector", q, k);
		// The graph holds full-precision vectors: its order is the exact one.
		ScoreDoc[] found = searcher.search(query, k).scoreDocs;
		int n = Math.min(10, found.length);
		int[] top = new int[n];
		for (int i = 0; i < n; i++) {
			top[i] = found[i].doc;
		}
		return top;
	}

}
