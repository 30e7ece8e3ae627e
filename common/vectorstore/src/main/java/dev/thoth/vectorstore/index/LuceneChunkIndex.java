package dev.thoth.vectorstore.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.SearchQuery;
import dev.thoth.vectorstore.VectorStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.search.knn.TopKnnCollectorManager;
import org.apache.lucene.util.Bits;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.VectorUtil;

/**
 * One Lucene index of passages in a directory of its own: one document per chunk with its
 * text, section, paper title, authors and year, and its embedding in an HNSW graph of
 * full-precision vectors (see {@link #codec()}). Files are memory-mapped: the postings,
 * the graph and the vectors live in the operating system's page cache, not on the heap.
 * One process writes it (Lucene's write lock), and searches see writes after
 * {@link #refresh()} (near real time), before they are committed.
 * <p>
 * Each commit records the change number it holds ({@code seq}), the database it was built
 * from ({@code generation}) and the layout it was built with, so a restarted replica goes
 * on from there, and an index of another layout or database is rebuilt.
 */
public final class LuceneChunkIndex implements Closeable {

	/**
	 * The document layout and analysis; a new number makes every replica rebuild once.
	 */
	static final int SCHEMA = 4;

	static final String ID = "id";

	static final String PAPER = "paper";

	/** The passage's and its paper's ids as 32 bytes (doc values). */
	static final String IDS = "ids";

	static final String PAGE = "page";

	static final String TEXT = "text";

	static final String SECTION = "section";

	static final String TITLE = "title";

	static final String AUTHORS = "authors";

	static final String YEAR = "year";

	static final String VECTOR = "vector";

	/**
	 * A word in the section heading counts half as much as in the passage, one in the
	 * paper's title a third: enough that a passage of a paper about the query's subject
	 * comes before an equal passage of another paper, not so much that every passage of
	 * such a paper comes before the passage that answers
	 * (bench/results/retrieval-quality.md).
	 */
	static final float SECTION_BOOST = 0.5f;

	static final float TITLE_BOOST = 0.3f;

	/** Hits read beyond the k asked for, so that equal scores at the cut sort alike. */
	static final int TIE_MARGIN = 10;

	/** Words a query ranks by at most; the rest of a very long query is ignored. */
	static final int MAX_QUERY_TERMS = 64;

	/**
	 * Candidates the vector search visits at least (its beam): more than the k asked for
	 * keeps the approximate search close to the exact one. 100k passages merged into one
	 * segment ({@link #GRAPH_MERGE_THREADS}) find 0.95 of the exact ten nearest with 160,
	 * 0.96 to 0.97 with 200, 0.975 with 240, 0.99 with 640 (build to build, the graph
	 * varies); the search's cost grows with the beam (bench/results/search-latency.md).
	 */
	public static final int MIN_VECTOR_CANDIDATES = 240;

	/**
	 * The beam once a segment holds more than {@link #LARGE_GRAPH} passages, for every
	 * segment of the index: a larger graph needs a wider beam for the same recall. At 1M
	 * passages, in segments of 73k to 262k, 240 found 0.942 to 0.952 of the exact ten
	 * nearest (run to run), 320 found 0.960 for about 30% more time a query
	 * (KnnStrategyProbe, bench/results/search-latency.md). A smaller library keeps the
	 * cheaper beam.
	 */
	public static final int LARGE_GRAPH_VECTOR_CANDIDATES = 320;

	/**
	 * Passages in a segment (deleted ones included: they stay in its graph) above which
	 * the wider beam is used.
	 */
	public static final int LARGE_GRAPH = 150_000;

	/** The largest segment a merge makes (see {@link #config(Layout)}). */
	static final int MAX_MERGED_SEGMENT_MB = 896;

	private static final Log log = LogFactory.getLog(LuceneChunkIndex.class);

	/** Papers named in the log for passages without a vector, at most. */
	static final int MAX_PAPERS_WARNED_WITHOUT_VECTOR = 100;

	private final Path path;

	private final Layout layout;

	private final Set<UUID> papersWarnedWithoutVector = ConcurrentHashMap.newKeySet();

	private final Analyzer analyzer;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final QueryBuilder queries;

	private volatile long seq;

	private final String generation;

	private final long rebuild;

	/**
	 * What an index holds besides the words.
	 *
	 * @param vectors whether it holds the embeddings (not when ChromaDB searches them)
	 * @param dimensions the embeddings' length
	 * @param model the embedding model's name
	 */
	public record Layout(boolean vectors, int dimensions, String model) {
	}

	private LuceneChunkIndex(Path path, Layout layout, String generation, Directory directory, IndexWriter writer)
			throws IOException {
		this.path = path;
		this.layout = layout;
		this.generation = generation;
		this.rebuild = Long.parseLong(commitData(writer).getOrDefault("rebuild", "0"));
		this.directory = directory;
		this.writer = writer;
		this.analyzer = writer.getAnalyzer();
		this.searchers = new SearcherManager(writer, true, false, null);
		this.queries = new QueryBuilder(this.analyzer);
		Map<String, String> data = commitData(writer);
		this.seq = Long.parseLong(data.getOrDefault("seq", "0"));
	}

	/** A new, empty index in an empty or missing directory. */
	public static LuceneChunkIndex create(Path path, Layout layout, String generation, long rebuild)
			throws IOException {
		Directory directory = FSDirectory.open(path);
		try {
			IndexWriter writer = new IndexWriter(directory,
					config(layout).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
			writer.setLiveCommitData(commitData(layout, generation, rebuild, 0).entrySet());
			writer.commit();
			return new LuceneChunkIndex(path, layout, generation, directory, writer);
		}
		catch (IOException | RuntimeException ex) {
			directory.close();
			throw ex;
		}
	}

	/**
	 * The index in the directory, as its last commit left it.
	 * @throws StaleIndexException when there is none, or it was built with another
	 * layout, schema or database
	 * @throws IOException when it cannot be read (corrupt, half written)
	 */
	public static LuceneChunkIndex open(Path path, Layout layout, String generation) throws IOException {
		Directory directory = FSDirectory.open(path);
		try {
			if (!DirectoryReader.indexExists(directory)) {
				throw new StaleIndexException("no index in " + path);
			}
			IndexWriter writer = new IndexWriter(directory,
					config(layout).setOpenMode(IndexWriterConfig.OpenMode.APPEND));
			Map<String, String> data = commitData(writer);
			Map<String, String> wanted = commitData(layout, generation, 0, 0);
			for (String key : List.of("schema", "vectors", "dimensions", "model", "generation")) {
				if (!wanted.get(key).equals(data.get(key))) {
					writer.rollback();
					throw new StaleIndexException("the index in " + path + " has " + key + " " + data.get(key)
							+ ", this service needs " + wanted.get(key));
				}
			}
			return new LuceneChunkIndex(path, layout, generation, directory, writer);
		}
		catch (IOException | RuntimeException ex) {
			directory.close();
			throw ex;
		}
	}

	private static IndexWriterConfig config(Layout layout) {
		Map<String, Analyzer> perField = Map.of(AUTHORS, new NameAnalyzer());
		Analyzer analyzer = new PerFieldAnalyzerWrapper(new ScientificAnalyzer(), perField);
		IndexWriterConfig config = new IndexWriterConfig(analyzer);
		config.setCodec(codec());
		config.setRAMBufferSizeMB(48);
		config.setCommitOnClose(false);
		TieredMergePolicy merges = new TieredMergePolicy();
		// Bounds the heap a merge takes to build a segment's graph (about 600 bytes per
		// vector with 32 neighbours): about 260,000 passages, 160 MB, per segment at
		// most (a passage takes about 3.4 kB on disk, its text uncompressed in doc
		// values included; 1M passages made segments of 73,000 to 262,000).
		merges.setMaxMergedSegmentMB(MAX_MERGED_SEGMENT_MB);
		config.setMergePolicy(merges);
		return config;
	}

	/**
	 * Neighbours a graph node keeps, and the beam that chooses them, when a segment's
	 * graph is built. Lucene's defaults (16, 100) suit many small segments: one graph of
	 * the benchmark's 100k passages (clusters of near-identical vectors) built with them
	 * found 0.77 of the exact ten nearest with a beam of 160 and 0.91 with 640; built
	 * with 32 and 400, 0.95 and 0.99, for about 1.3 times the search cost and 6 times the
	 * build cost.
	 */
	static final int GRAPH_NEIGHBOURS = 32;

	static final int GRAPH_BUILD_BEAM = 400;

	/**
	 * Threads that build a merged segment's graph. With one, Lucene joins the segments'
	 * graphs into one, which loses recall: 100k passages merged from 8 segments found
	 * 0.88 of the exact ten nearest with a beam of 160. With more than one it starts from
	 * the largest graph and inserts every other vector as a build would: 0.95 with 160,
	 * 0.97 with 240, for a merge that takes about twice the CPU
	 * (bench/results/search-latency.md).
	 */
	static final int GRAPH_MERGE_THREADS = 2;

	/**
	 * Lucene's codec with the HNSW format of full-precision vectors. Lucene 10.6's 8-bit
	 * quantised format scores each graph step on a copy of the vector (no memory-mapped
	 * scorer for it), and its order needed the raw vectors read again to re-score: at
	 * 100k passages the full-precision graph, scored in place by Lucene's SIMD code,
	 * served a seventh more semantic searches a second, at the same recall, with a
	 * smaller index (it holds no second copy of the vectors) and a faster build
	 * (bench/results/search-latency.md). The vectors are memory-mapped, off the heap.
	 */
	static Codec codec() {
		KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(GRAPH_NEIGHBOURS, GRAPH_BUILD_BEAM,
				GRAPH_MERGE_THREADS, GraphMerges.EXECUTOR);
		return new Lucene104Codec() {
			@Override
			public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
				return vectors;
			}
		};
	}

	/**
	 * The threads every index of this JVM merges graphs on: daemons, so that an index
	 * left open never keeps the JVM alive, and shared, so that opening many indexes (the
	 * tests, a rebuild next to the live index) starts no more of them.
	 */
	private static final class GraphMerges {

		private static final AtomicInteger THREADS = new AtomicInteger();

		static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(GRAPH_MERGE_THREADS, (task) -> {
			Thread thread = new Thread(task, "thoth-graph-merge-" + THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});

	}

	private static Map<String, String> commitData(Layout layout, String generation, long rebuild, long seq) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("schema", String.valueOf(SCHEMA));
		data.put("vectors", String.valueOf(layout.vectors()));
		data.put("dimensions", String.valueOf(layout.vectors() ? layout.dimensions() : 0));
		data.put("model", layout.vectors() ? layout.model() : "");
		data.put("generation", generation);
		data.put("rebuild", String.valueOf(rebuild));
		data.put("seq", String.valueOf(seq));
		return data;
	}

	private static Map<String, String> commitData(IndexWriter writer) {
		Map<String, String> data = new HashMap<>();
		Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
		if (live != null) {
			live.forEach((entry) -> data.put(entry.getKey(), entry.getValue()));
		}
		return data;
	}

	public Path path() {
		return this.path;
	}

	public Layout layout() {
		return this.layout;
	}

	/** The database this index was built from. */
	public String generation() {
		return this.generation;
	}

	/** The rebuild request this index was built for. */
	public long rebuild() {
		return this.rebuild;
	}

	/**
	 * The last change applied (visible after {@link #refresh()}, durable after commit).
	 */
	public long seq() {
		return this.seq;
	}

	/** Makes the index hold exactly these chunks of the paper (none: it holds none). */
	public void replacePaper(UUID paperId, List<IndexedChunk> chunks) throws IOException {
		List<Document> documents = new ArrayList<>(chunks.size());
		for (IndexedChunk chunk : chunks) {
			documents.add(document(chunk));
		}
		this.writer.updateDocuments(new Term(PAPER, paperId.toString()), documents);
	}

	/** Adds chunks to an index known not to hold their papers (a new index). */
	public void add(List<IndexedChunk> chunks) throws IOException {
		List<Document> documents = new ArrayList<>(chunks.size());
		for (IndexedChunk chunk : chunks) {
			documents.add(document(chunk));
		}
		this.writer.addDocuments(documents);
	}

	/** Records that changes up to {@code seq} are applied. */
	public void applied(long seq) {
		this.seq = seq;
	}

	/** Makes the changes so far visible to searches. */
	public void refresh() throws IOException {
		this.searchers.maybeRefreshBlocking();
	}

	/**
	 * Makes the changes so far durable, with the change number they reach; a crash
	 * afterwards reopens the index here.
	 */
	public void commit() throws IOException {
		this.writer.setLiveCommitData(commitData(this.layout, this.generation, this.rebuild, this.seq).entrySet());
		this.writer.commit();
	}

	public boolean hasUncommittedChanges() {
		return this.writer.hasUncommittedChanges()
				|| !String.valueOf(this.seq).equals(commitData(this.writer).get("seq"));
	}

	/**
	 * Merges the index into as few segments as {@link #MAX_MERGED_SEGMENT_MB} allows. A
	 * search walks every segment's postings and vector graph, so a just-built index,
	 * flushed in many small segments, is merged once before it serves (100k passages: 8
	 * segments before, one after).
	 */
	public void compact() throws IOException {
		this.writer.flush();
		long megabytes = sizeOnDisk() / (1024 * 1024);
		int segments = (int) Math.max(1, (megabytes + MAX_MERGED_SEGMENT_MB - 1) / MAX_MERGED_SEGMENT_MB);
		this.writer.forceMerge(segments);
	}

	/** Segments that searches walk now. */
	public int segments() {
		return shape().segments();
	}

	/** Passages that can be searched now, and the segments they are in: one snapshot. */
	public Shape shape() {
		return withSearcher((searcher) -> new Shape(searcher.getIndexReader().numDocs(),
				searcher.getIndexReader().leaves().size()));
	}

	public record Shape(long passages, int segments) {
	}

	/** Passages that can be searched now. */
	public long count() {
		return shape().passages();
	}

	/** Bytes the index takes on disk. */
	public long sizeOnDisk() {
		try {
			long bytes = 0;
			for (String file : this.directory.listAll()) {
				try {
					bytes += this.directory.fileLength(file);
				}
				catch (IOException ex) {
					// deleted by a merge meanwhile
				}
			}
			return bytes;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private Document document(IndexedChunk indexed) {
		Chunk chunk = indexed.chunk();
		Document document = new Document();
		document.add(new StringField(ID, chunk.id().toString(), Field.Store.NO));
		// Ranking reads the ids from here, 32 bytes at a fixed place; the sorted doc
		// values' terms are compressed in blocks, too dear to read for every candidate.
		document.add(new BinaryDocValuesField(IDS, ids(chunk.id(), chunk.paperId())));
		document.add(new StringField(PAPER, chunk.paperId().toString(), Field.Store.NO));
		document.add(new SortedDocValuesField(PAPER, new BytesRef(chunk.paperId().toString())));
		// The passage shown is read from doc values too, uncompressed: stored fields
		// decompress a block of passages for every hit, which was an eighth of the Java
		// time of a search by meaning at 100k passages (bench/results/search-latency.md).
		document.add(new NumericDocValuesField(PAGE, chunk.page()));
		document.add(new TextField(TEXT, chunk.text(), Field.Store.NO));
		document.add(new BinaryDocValuesField(TEXT, new BytesRef(chunk.text())));
		if (chunk.section() != null) {
			document.add(new TextField(SECTION, chunk.section(), Field.Store.NO));
			document.add(new BinaryDocValuesField(SECTION, new BytesRef(chunk.section())));
		}
		if (indexed.title() != null) {
			document.add(new TextField(TITLE, indexed.title(), Field.Store.NO));
		}
		for (String author : indexed.authors()) {
			document.add(new TextField(AUTHORS, author, Field.Store.NO));
		}
		if (indexed.year() != null) {
			document.add(new IntPoint(YEAR, indexed.year()));
		}
		if (this.layout.vectors()) {
			float[] embedding = indexed.embedding();
			if (embedding == null || embedding.length != this.layout.dimensions()) {
				// Indexed by its words only, like a passage whose vector is all zeros:
				// one passage the graph cannot take must not keep the whole library out
				// of search (passagesWithoutVector() counts them).
				warnWithoutVector(chunk, (embedding == null) ? 0 : embedding.length);
			}
			else {
				float[] unit = unit(embedding);
				if (unit != null) {
					document.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
				}
			}
		}
		return document;
	}

	/** Once a paper for each index: a library of such passages would flood the log. */
	private void warnWithoutVector(Chunk chunk, int dimensions) {
		if (this.papersWarnedWithoutVector.size() < MAX_PAPERS_WARNED_WITHOUT_VECTOR
				&& this.papersWarnedWithoutVector.add(chunk.paperId())) {
			log.warn("Passage " + chunk.id() + " of paper " + chunk.paperId() + " has an embedding of " + dimensions
					+ " dimensions, the index " + this.layout.dimensions()
					+ ": it is searchable by its words only, as may be the paper's other passages; re-process the paper");
		}
	}

	/**
	 * Passages that can be searched by their words but not by meaning: their vector was
	 * missing, all zeros or of the wrong length. None in an index that holds no vectors.
	 */
	public long passagesWithoutVector() {
		if (!this.layout.vectors()) {
			return 0;
		}
		return withSearcher((searcher) -> searcher.getIndexReader().numDocs()
				- (long) searcher.count(new FieldExistsQuery(VECTOR)));
	}

	/**
	 * The passages that best match the words and phrases, by BM25 over their fields,
	 * among those the filter and the query's own restrictions let through.
	 */
	public List<Hit> lexical(SearchQuery query, int k, Filter filter) {
		return lexical(query, k, filter, true);
	}

	/**
	 * The same, without reading the passages: hits with their ids and scores only, for
	 * ranking many candidates of which few are shown ({@link #withText(List)}).
	 */
	public List<Hit> lexicalCandidates(SearchQuery query, int k, Filter filter) {
		return lexical(query, k, filter, false);
	}

	private List<Hit> lexical(SearchQuery query, int k, Filter filter, boolean withText) {
		Filter effective = filter.and(query);
		if (k <= 0 || effective.matchesNothing()) {
			return List.of();
		}
		Query ranking = ranking(query);
		if (ranking == null) {
			return List.of();
		}
		Query restriction = restriction(effective);
		Query search = ranking;
		if (restriction != null) {
			search = new BooleanQuery.Builder().add(ranking, Occur.MUST).add(restriction, Occur.FILTER).build();
		}
		Query finalSearch = search;
		return withSearcher((searcher) -> {
			List<Ranked> best = best(ranked(searcher, searcher.search(finalSearch, k + TIE_MARGIN).scoreDocs), k);
			return withText ? hits(searcher, best) : candidates(best);
		});
	}

	/**
	 * The passages nearest to the embedding by cosine, found in the HNSW graph with the
	 * filter applied during the graph search.
	 */
	public List<Hit> semantic(float[] embedding, int k, Filter filter) {
		return semantic(embedding, k, filter, true);
	}

	/** The same, hits with their ids and scores only ({@link #withText(List)}). */
	public List<Hit> semanticCandidates(float[] embedding, int k, Filter filter) {
		return semantic(embedding, k, filter, false);
	}

	private List<Hit> semantic(float[] embedding, int k, Filter filter, boolean withText) {
		if (!this.layout.vectors()) {
			throw new IllegalStateException("this index holds no vectors");
		}
		if (k <= 0 || filter.matchesNothing()) {
			return List.of();
		}
		if (embedding.length != this.layout.dimensions()) {
			throw new VectorStoreException(
					"the query has " + embedding.length + " dimensions, the index " + this.layout.dimensions());
		}
		float[] unit = unit(embedding);
		if (unit == null) {
			return List.of();
		}
		Query restriction = restriction(filter);
		return withSearcher((searcher) -> {
			int candidates = beam(searcher.getIndexReader(), k);
			Query approximate = nearest(unit, candidates, restriction);
			List<Ranked> best = best(
					ranked(searcher, exactly(searcher, searcher.search(approximate, candidates), unit, k + TIE_MARGIN)),
					k);
			return withText ? hits(searcher, best) : candidates(best);
		});
	}

	/**
	 * The hits again with their passages (text, page, section), in the same order and
	 * with the same scores; a passage the index no longer holds is left out.
	 */
	public List<Hit> withText(List<Hit> hits) {
		List<BytesRef> wanted = hits.stream()
			.filter(Hit::isCandidate)
			.map((hit) -> new BytesRef(hit.chunkId().toString()))
			.toList();
		if (wanted.isEmpty()) {
			return hits;
		}
		Query ids = new TermInSetQuery(ID, wanted);
		Map<UUID, Hit> found = withSearcher((searcher) -> {
			List<Ranked> held = ranked(searcher, searcher.search(ids, wanted.size()).scoreDocs);
			Map<UUID, Hit> byId = new HashMap<>();
			for (Hit hit : hits(searcher, held)) {
				byId.put(hit.chunkId(), hit);
			}
			return byId;
		});
		List<Hit> result = new ArrayList<>(hits.size());
		for (Hit hit : hits) {
			Hit passage = hit.isCandidate() ? found.get(hit.chunkId()) : hit;
			if (passage != null) {
				result.add(new Hit(hit.chunkId(), hit.paperId(), passage.page(), passage.section(), passage.text(),
						hit.score()));
			}
		}
		return result;
	}

	/**
	 * The beam a search for the k nearest uses on this index (see
	 * {@link #beam(int, int)}).
	 */
	public static int beam(IndexReader reader, int k) {
		return beam(largestSegment(reader), k);
	}

	static int largestSegment(IndexReader reader) {
		int largest = 0;
		for (LeafReaderContext leaf : reader.leaves()) {
			largest = Math.max(largest, leaf.reader().maxDoc());
		}
		return largest;
	}

	static int beam(int largestSegment, int k) {
		return Math.max(k, (largestSegment > LARGE_GRAPH) ? LARGE_GRAPH_VECTOR_CANDIDATES : MIN_VECTOR_CANDIDATES);
	}

	/**
	 * The {@code candidates} passages nearest to the unit vector among those the filter
	 * (null: none) lets through, approximately: every segment's graph searched with that
	 * whole beam.
	 * <p>
	 * Lucene's default beam for a segment is its share of the candidates plus a margin,
	 * with a second pass on segments that look promising. At 1M passages in 6 segments
	 * that found 0.91 of the exact ten nearest with 240 candidates; the whole beam in
	 * every segment, 0.95, for about 1.5 times the graph search's cost (KnnStrategyProbe
	 * on the benchmark's 1M index, bench/results/search-latency.md). One segment is
	 * searched the same either way.
	 */
	public static Query nearest(float[] unit, int candidates, Query filter) {
		return new EverySegmentKnnQuery(unit, candidates, filter);
	}

	/** Lucene's search over the vectors, every segment with the whole beam. */
	static final class EverySegmentKnnQuery extends KnnFloatVectorQuery {

		EverySegmentKnnQuery(float[] unit, int candidates, Query filter) {
			super(VECTOR, unit, candidates, filter);
		}

		@Override
		protected KnnCollectorManager getKnnCollectorManager(int k, IndexSearcher searcher) {
			// Not optimistic: Lucene then gives each segment all k, and no second pass.
			return new TopKnnCollectorManager(k, searcher) {
				@Override
				public boolean isOptimistic() {
					return false;
				}
			};
		}

	}

	/**
	 * The best {@code keep} of the graph's hits, scored again with their vectors: exact
	 * cosines, computed the same way whichever path the graph search took (Lucene scores
	 * a vector alone or in a batch, whose sums can differ in the last bit), so that equal
	 * vectors tie on every replica and after every rebuild.
	 */
	private static ScoreDoc[] exactly(IndexSearcher searcher, TopDocs found, float[] unit, int keep)
			throws IOException {
		ScoreDoc[] inDocOrder = Arrays.copyOf(found.scoreDocs, Math.min(keep, found.scoreDocs.length));
		Arrays.sort(inDocOrder, Comparator.comparingInt((ScoreDoc doc) -> doc.doc));
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		ScoreDoc[] rescored = new ScoreDoc[inDocOrder.length];
		LeafReaderContext leaf = null;
		FloatVectorValues vectors = null;
		KnnVectorValues.DocIndexIterator iterator = null;
		for (int i = 0; i < inDocOrder.length; i++) {
			int doc = inDocOrder[i].doc;
			if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
				leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
				vectors = leaf.reader().getFloatVectorValues(VECTOR);
				iterator = (vectors != null) ? vectors.iterator() : null;
			}
			// Lucene's dot-product score of unit vectors is (1 + cosine) / 2.
			float score = 2 * inDocOrder[i].score - 1;
			int target = doc - leaf.docBase;
			// Documents come in order, so one forward-only iterator a leaf serves them
			// all.
			if (iterator != null && iterator.docID() <= target && iterator.advance(target) == target) {
				score = VectorUtil.dotProduct(unit, vectors.vectorValue(iterator.index()));
			}
			rescored[i] = new ScoreDoc(doc, score);
		}
		return rescored;
	}

	/** The papers among the index's passages that the filter lets through. */
	public Set<UUID> papers(Filter filter) {
		Query restriction = restriction(filter);
		Query query = (restriction != null) ? restriction : new MatchAllDocsQuery();
		return withSearcher((searcher) -> {
			Set<UUID> papers = new HashSet<>();
			for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
				Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
				Scorer scorer = weight.scorer(leaf);
				SortedDocValues values = leaf.reader().getSortedDocValues(PAPER);
				if (scorer == null || values == null) {
					continue;
				}
				Bits live = leaf.reader().getLiveDocs();
				DocIdSetIterator docs = scorer.iterator();
				for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
					if ((live == null || live.get(doc)) && values.advanceExact(doc)) {
						papers.add(UUID.fromString(values.lookupOrd(values.ordValue()).utf8ToString()));
					}
				}
			}
			return papers;
		});
	}

	/** The paper of each of the chunks that the index holds. */
	public Map<UUID, UUID> papersOf(Collection<UUID> chunkIds) {
		return chunksMatching(chunkIds, null);
	}

	/** Those of the chunks that hold any of the words or phrases. */
	public Set<UUID> holding(Collection<UUID> chunkIds, List<String> words) {
		Query any = excluded(words);
		return (any == null) ? Set.of() : chunksMatching(chunkIds, any).keySet();
	}

	/** The paper of each of the chunks that the index holds and the query matches. */
	private Map<UUID, UUID> chunksMatching(Collection<UUID> chunkIds, Query also) {
		if (chunkIds.isEmpty()) {
			return Map.of();
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(
				new TermInSetQuery(ID, chunkIds.stream().map((id) -> new BytesRef(id.toString())).toList()),
				Occur.FILTER);
		if (also != null) {
			query.add(also, Occur.FILTER);
		}
		Query built = query.build();
		return withSearcher((searcher) -> {
			Map<UUID, UUID> found = new HashMap<>();
			for (Ranked hit : ranked(searcher, searcher.search(built, chunkIds.size()).scoreDocs)) {
				found.put(hit.chunkId(), hit.paperId());
			}
			return found;
		});
	}

	/**
	 * What ranks: each distinct word (a hyphenated word as its phrase) and each phrase,
	 * in the passage, its section heading and its paper's title, summed; any may match.
	 */
	Query ranking(SearchQuery query) {
		Map<Query, Boolean> units = new LinkedHashMap<>();
		for (SearchQuery.Term term : query.terms()) {
			if (units.size() >= MAX_QUERY_TERMS) {
				break;
			}
			if (term.phrase()) {
				Query phrase = phrase(TEXT, term.text());
				if (phrase != null) {
					units.putIfAbsent(phrase, true);
				}
				continue;
			}
			List<String> tokens = tokens(TEXT, term.text());
			if (tokens.size() == 1) {
				units.putIfAbsent(new TermQuery(new Term(TEXT, tokens.get(0))), false);
			}
			else if (tokens.size() > 1) {
				units.putIfAbsent(phrase(TEXT, term.text()), true);
			}
		}
		if (units.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		for (Query unit : units.keySet()) {
			any.add(new BooleanQuery.Builder().add(unit, Occur.SHOULD)
				.add(new BoostQuery(onField(unit, SECTION), SECTION_BOOST), Occur.SHOULD)
				.add(new BoostQuery(onField(unit, TITLE), TITLE_BOOST), Occur.SHOULD)
				.build(), Occur.SHOULD);
		}
		return any.build();
	}

	/** The same term or phrase on another field (the analysis is the same). */
	private static Query onField(Query query, String field) {
		if (query instanceof TermQuery term) {
			return new TermQuery(new Term(field, term.getTerm().bytes()));
		}
		if (query instanceof org.apache.lucene.search.PhraseQuery phrase) {
			org.apache.lucene.search.PhraseQuery.Builder builder = new org.apache.lucene.search.PhraseQuery.Builder();
			Term[] terms = phrase.getTerms();
			int[] positions = phrase.getPositions();
			for (int i = 0; i < terms.length; i++) {
				builder.add(new Term(field, terms[i].bytes()), positions[i]);
			}
			builder.setSlop(phrase.getSlop());
			return builder.build();
		}
		throw new IllegalArgumentException("unexpected query " + query);
	}

	/** A phrase on the field, or a term when the text is one word after analysis. */
	private Query phrase(String field, String text) {
		Query query = this.queries.createPhraseQuery(field, text);
		return (query instanceof TermQuery || query instanceof org.apache.lucene.search.PhraseQuery) ? query : null;
	}

	/** The filter as Lucene clauses, or null when it lets everything through. */
	Query restriction(Filter filter) {
		if (!filter.restricted()) {
			return null;
		}
		BooleanQuery.Builder all = new BooleanQuery.Builder();
		boolean positive = false;
		if (filter.restrictsPapers()) {
			all.add(new TermInSetQuery(PAPER,
					filter.paperIds().stream().map((id) -> new BytesRef(id.toString())).toList()), Occur.FILTER);
			positive = true;
		}
		if (filter.yearFrom() != null || filter.yearTo() != null) {
			all.add(IntPoint.newRangeQuery(YEAR, (filter.yearFrom() != null) ? filter.yearFrom() : Integer.MIN_VALUE,
					(filter.yearTo() != null) ? filter.yearTo() : Integer.MAX_VALUE), Occur.FILTER);
			positive = true;
		}
		for (String title : filter.titles()) {
			Query query = phrase(TITLE, title);
			if (query != null) {
				all.add(query, Occur.FILTER);
				positive = true;
			}
		}
		for (String author : filter.authors()) {
			Query query = phrase(AUTHORS, author);
			if (query != null) {
				all.add(query, Occur.FILTER);
				positive = true;
			}
		}
		Query excluded = excluded(filter.excluded());
		if (excluded != null) {
			all.add(excluded, Occur.MUST_NOT);
		}
		if (!positive) {
			all.add(new MatchAllDocsQuery(), Occur.FILTER);
		}
		return all.build();
	}

	/**
	 * Passages whose text or section holds any of the words or phrases; null for none.
	 */
	private Query excluded(List<String> words) {
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		int clauses = 0;
		for (String word : words) {
			Query query = phrase(TEXT, word);
			if (query != null) {
				any.add(query, Occur.SHOULD).add(onField(query, SECTION), Occur.SHOULD);
				clauses++;
			}
		}
		return (clauses == 0) ? null : any.build();
	}

	private List<String> tokens(String field, String text) {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = this.analyzer.tokenStream(field, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new IllegalStateException("analysing text in memory failed", ex);
		}
		return tokens;
	}

	/**
	 * A document found, with its passage's and paper's ids (from doc values) and score.
	 */
	private record Ranked(int doc, UUID chunkId, UUID paperId, float score) {
	}

	/**
	 * The ids of the documents found, read from doc values: a few bytes each, where the
	 * stored fields would decompress a block of passages for each.
	 */
	private static List<Ranked> ranked(IndexSearcher searcher, ScoreDoc[] found) throws IOException {
		ScoreDoc[] inDocOrder = found.clone();
		Arrays.sort(inDocOrder, Comparator.comparingInt((ScoreDoc doc) -> doc.doc));
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		List<Ranked> ranked = new ArrayList<>(found.length);
		LeafReaderContext leaf = null;
		BinaryDocValues ids = null;
		for (ScoreDoc scored : inDocOrder) {
			if (leaf == null || scored.doc >= leaf.docBase + leaf.reader().maxDoc()) {
				leaf = leaves.get(ReaderUtil.subIndex(scored.doc, leaves));
				ids = leaf.reader().getBinaryDocValues(IDS);
			}
			if (ids == null || !ids.advanceExact(scored.doc - leaf.docBase)) {
				throw new StaleIndexException("document " + scored.doc + " has no ids in its doc values");
			}
			BytesRef bytes = ids.binaryValue();
			ranked.add(new Ranked(scored.doc, uuid(bytes, 0), uuid(bytes, 16), scored.score));
		}
		return ranked;
	}

	private static BytesRef ids(UUID chunkId, UUID paperId) {
		byte[] bytes = new byte[32];
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		buffer.putLong(chunkId.getMostSignificantBits()).putLong(chunkId.getLeastSignificantBits());
		buffer.putLong(paperId.getMostSignificantBits()).putLong(paperId.getLeastSignificantBits());
		return new BytesRef(bytes);
	}

	private static UUID uuid(BytesRef bytes, int at) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes.bytes, bytes.offset + at, 16);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	/**
	 * The best {@code k}, equal scores in the order of their chunk ids: the same for an
	 * index built in another order (a rebuild), where Lucene's own order (by document
	 * number) is not.
	 */
	private static List<Ranked> best(List<Ranked> ranked, int k) {
		List<Ranked> sorted = new ArrayList<>(ranked);
		sorted.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::chunkId));
		return (sorted.size() > k) ? sorted.subList(0, k) : sorted;
	}

	private static List<Hit> candidates(List<Ranked> ranked) {
		return ranked.stream().map((hit) -> Hit.candidate(hit.chunkId(), hit.paperId(), hit.score())).toList();
	}

	/** The hits with their passages, read from doc values, in the given order. */
	private static List<Hit> hits(IndexSearcher searcher, List<Ranked> ranked) throws IOException {
		// Doc values are read forward only: in document order, each leaf's once.
		Integer[] inDocOrder = new Integer[ranked.size()];
		for (int i = 0; i < inDocOrder.length; i++) {
			inDocOrder[i] = i;
		}
		Arrays.sort(inDocOrder, Comparator.comparingInt((Integer i) -> ranked.get(i).doc()));
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		Hit[] hits = new Hit[ranked.size()];
		LeafReaderContext leaf = null;
		NumericDocValues pages = null;
		BinaryDocValues texts = null;
		BinaryDocValues sections = null;
		for (int i : inDocOrder) {
			Ranked hit = ranked.get(i);
			if (leaf == null || hit.doc() >= leaf.docBase + leaf.reader().maxDoc()) {
				leaf = leaves.get(ReaderUtil.subIndex(hit.doc(), leaves));
				pages = leaf.reader().getNumericDocValues(PAGE);
				texts = leaf.reader().getBinaryDocValues(TEXT);
				sections = leaf.reader().getBinaryDocValues(SECTION);
			}
			int doc = hit.doc() - leaf.docBase;
			if (pages == null || texts == null || !pages.advanceExact(doc) || !texts.advanceExact(doc)) {
				throw new StaleIndexException("document " + hit.doc() + " has no passage in its doc values");
			}
			String section = (sections != null && sections.advanceExact(doc)) ? sections.binaryValue().utf8ToString()
					: null;
			hits[i] = new Hit(hit.chunkId(), hit.paperId(), (int) pages.longValue(), section,
					texts.binaryValue().utf8ToString(), hit.score());
		}
		return Arrays.asList(hits);
	}

	private static float[] unit(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		if (sum == 0 || !Double.isFinite(sum)) {
			return null;
		}
		double norm = Math.sqrt(sum);
		float[] unit = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			unit[i] = (float) (vector[i] / norm);
		}
		return unit;
	}

	private <T> T withSearcher(SearchAction<T> action) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return action.run(searcher);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new VectorStoreException("search index in " + this.path + " failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.searchers.close();
			this.writer.rollback(); // what was not committed is caught up again at start
		}
		finally {
			this.directory.close();
		}
	}

	/** Commits, then closes. */
	public void commitAndClose() throws IOException {
		commit();
		close();
	}

	@FunctionalInterface
	private interface SearchAction<T> {

		T run(IndexSearcher searcher) throws IOException;

	}

	/** There is no usable index: build one. */
	public static class StaleIndexException extends IOException {

		StaleIndexException(String message) {
			super(message);
		}

	}

}
