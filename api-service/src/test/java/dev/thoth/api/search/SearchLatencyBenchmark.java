package dev.thoth.api.search;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.thoth.api.support.CorpusText;
import dev.thoth.api.support.KeepAliveHttp;
import dev.thoth.api.support.RunningApi;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.ChromaVectorStore;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.VectorStore;
import dev.thoth.vectorstore.index.LuceneChunkIndex;
import dev.thoth.vectorstore.index.ScientificAnalyzer;
import dev.thoth.vectorstore.index.SearchIndex;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (tag {@code benchmark}, excluded from the build; run
 * {@code bench/search-latency.sh}): writes {@code bench/results/search-latency.md}.
 * <p>
 * A real API service (whole application, free port, rate limit off, default caches) on a
 * fresh PostgreSQL database, its search index a Lucene index of its own, filled with
 * {@link SyntheticLibrary synthetic passages} through the {@link VectorStore} up to each
 * size of {@code thoth.bench.sizes} (100,000 by default; 1,000,000 when asked). At each
 * size: the time to load (PostgreSQL writes, the index following), the index's size, an
 * online rebuild from PostgreSQL (re-index time), then 8 clients (each a kept-alive
 * connection of a lean {@link KeepAliveHttp} client) send {@code GET /api/v1/search?k=10}
 * with new queries in each mode, and the same queries, in the same JVM, straight against
 * the Lucene index on disk with Lucene's own {@link IndexSearcher} (no HTTP, no Spring,
 * no filters, no fusion): the floor. Last, the approximate vector search's recall@10
 * against an exact scan of the same vectors.
 */
@Tag("benchmark")
class SearchLatencyBenchmark {

	private static final int CLIENTS = 8;

	private static final int REQUESTS_PER_CLIENT = Integer.getInteger("thoth.bench.requests-per-client", 200);

	/**
	 * Up to 30 s of them: enough that the optimising compiler has compiled the search
	 * path before a row is measured, as in a server that has run for a while (with 15 a
	 * client, the JIT compiler took a third of the CPU during the rows).
	 */
	private static final int WARM_UP_PER_CLIENT = 400;

	private static final long ROW_BUDGET_NANOS = TimeUnit.SECONDS
		.toNanos(Integer.getInteger("thoth.bench.row-seconds", 60));

	private static final long WARM_UP_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(30);

	private static final int CHUNKS_PER_PAPER = 100;

	private static final int EMBEDDING_POOL = 256;

	/** Candidates each ranker gives hybrid search (SearchService: max(40, 4k)). */
	private static final int CANDIDATES = 40;

	private static final int RECALL_QUERIES = 200;

	private static final List<Integer> SIZES = Arrays
		.stream(System.getProperty("thoth.bench.sizes", "100000").split(","))
		.map(String::strip)
		.map(Integer::valueOf)
		.toList();

	/**
	 * Sizes up to this one are re-indexed (an online rebuild from PostgreSQL, timed);
	 * larger ones only merge the index they were loaded into, as the rebuild does before
	 * it serves (a 1M rebuild takes about as long again as the load).
	 */
	private static final int REINDEX_UP_TO = Integer.getInteger("thoth.bench.reindex-up-to", Integer.MAX_VALUE);

	/**
	 * {@code lucene}: the embedded index for words and vectors (./thoth up).
	 * {@code chromadb}: the compose stack's stores, ChromaDB's HNSW for vectors (its
	 * Python server, as the stack's image runs it, with a token), the Lucene index for
	 * words, and the caches in Redis.
	 */
	private static final String STORE = System.getProperty("thoth.bench.store", "lucene");

	private static final boolean CHROMADB = STORE.equals("chromadb");

	/**
	 * With {@code chromadb}: {@code python}, the server the compose stack's image runs
	 * (it enforces the token), or {@code rust}, {@code chroma run} (no authentication).
	 */
	private static final boolean CHROMADB_RUST = CHROMADB
			&& System.getProperty("thoth.bench.chromadb-server", "python").equals("rust");

	/**
	 * All three unless a profile asks for fewer ({@code -Dthoth.bench.modes=semantic}).
	 */
	private static final List<String> MODES = List
		.of(System.getProperty("thoth.bench.modes", "lexical,semantic,hybrid").split(","));

	/** Field names of the index (LuceneChunkIndex), for the bare searches. */
	private static final String TEXT_FIELD = "text";

	@TempDir
	static Path workspace;

	/**
	 * @param searchesPerCall with ChromaDB, the searches by meaning each query call to it
	 * carried on average over the row (warm-up left out); NaN without
	 */
	record Run(int chunks, String mode, boolean bare, int requests, double seconds, long[] latenciesNanos,
			double searchesPerCall) {

		double percentile(double p) {
			long[] sorted = this.latenciesNanos.clone();
			Arrays.sort(sorted);
			int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
		}

		double throughput() {
			return this.requests / this.seconds;
		}

	}

	record Size(int chunks, double loadSeconds, double rebuildSeconds, double mergeSeconds, long indexBytes,
			int segments, double annRecall, long heapUsedMb, long mostLiveHeapMb) {
	}

	/** Query sent, with how long it took, by one client. */
	interface Search {

		void run(String query) throws Exception;

	}

	@Test
	void writeReport() throws Exception {
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.format(Instant.now().atOffset(ZoneOffset.UTC));
		String loadBefore = loadAverage();
		List<CorpusText.Paper> corpus = CorpusText.papers();
		SyntheticLibrary library = new SyntheticLibrary(
				SyntheticLibrary.passagesOf(corpus.stream().map(CorpusText.Paper::pages).toList()), 20261125L);
		int perSize = MODES.size() * 2 * CLIENTS * (REQUESTS_PER_CLIENT + WARM_UP_PER_CLIENT);
		List<String> queries = library.queries(SIZES.size() * perSize + RECALL_QUERIES);
		int[] nextQuery = { 0 };
		TestServers.Postgres database = TestServers.postgres().freshDatabase();
		List<Run> runs = new ArrayList<>();
		List<Size> sizes = new ArrayList<>();
		String postgres;
		HeapWatch heapWatch = HeapWatch.start();
		String collection = "bench_" + UUID.randomUUID().toString().replace("-", "");
		String chromadbUrl = CHROMADB_RUST ? TestServers.chromadbUrl() : TestServers.chromadbAuthUrl();
		String chromadbToken = CHROMADB_RUST ? "" : TestServers.chromadbToken();
		Map<String, Object> settings = CHROMADB
				? Map.of("THOTH_CHROMADB_URL", chromadbUrl, "THOTH_CHROMADB_TOKEN", chromadbToken,
						"thoth.vectorstore.collection", collection, "THOTH_REDIS_URL", TestServers.redisUrl())
				: Map.of();
		try (RunningApi api = RunningApi.start(database, workspace, settings)) {
			VectorStore store = api.bean(VectorStore.class);
			SearchIndex index = api.bean(SearchIndex.class);
			Embedder embedder = api.bean(Embedder.class);
			assertThat(store.name()).as("the store asked for").isEqualTo(CHROMADB ? "chromadb+lucene" : "lucene");
			// The floor of a search by meaning in ChromaDB: the same query, straight to
			// it.
			ChromaVectorStore chroma = CHROMADB
					? new ChromaVectorStore(RestClient.builder(), chromadbUrl, chromadbToken, collection) : null;
			MeterRegistry apiMeters = api.bean(MeterRegistry.class);
			MeterRegistry bareMeters = new SimpleMeterRegistry();
			if (chroma != null) {
				chroma.bindTo(bareMeters);
			}
			postgres = api.bean(JdbcClient.class)
				.sql("select current_setting('server_version')")
				.query(String.class)
				.single();
			List<float[]> pool = embedder
				.embed(IntStream.range(0, EMBEDDING_POOL).mapToObj((i) -> library.passage()).toList());
			// Every vector stored, for the exact scan, off the heap: the heap holds what
			// the service holds (and the clients and queries), as it would alone.
			ExactCopy copy = new ExactCopy(SIZES.stream().mapToInt(Integer::intValue).max().orElseThrow(),
					workspace.resolve("exact-copy.bin"));
			int stored = 0;
			double loadSeconds = 0;
			for (int size : SIZES) {
				long loadStart = System.nanoTime();
				stored = fill(api.bean(PaperRepository.class), store, library, pool, stored, size, copy);
				loadSeconds += (System.nanoTime() - loadStart) / 1e9;
				assertThat(store.count()).isEqualTo(size);
				double rebuildSeconds = Double.NaN;
				double mergeSeconds = Double.NaN;
				if (size <= REINDEX_UP_TO) {
					rebuildSeconds = rebuild(index);
				}
				else {
					mergeSeconds = merge(index);
				}
				assertThat(store.count()).isEqualTo(size);
				long indexBytes = index.status().sizeBytes();
				int segments = index.status().segments();
				Path path = Path.of(index.status().path());
				for (String mode : MODES) {
					try (KeepAliveHttp http = api.keepAlive()) {
						load(take(queries, nextQuery, CLIENTS * WARM_UP_PER_CLIENT), WARM_UP_BUDGET_NANOS,
								(q) -> viaApi(http, q, mode));
						runs.add(run(size, mode, false, take(queries, nextQuery, CLIENTS * REQUESTS_PER_CLIENT),
								(q) -> viaApi(http, q, mode), apiMeters));
					}
				}
				try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(path));
						Analyzer analyzer = new ScientificAnalyzer()) {
					IndexSearcher searcher = new IndexSearcher(reader);
					for (String mode : MODES) {
						Search bare = (q) -> bare(searcher, chroma, analyzer, embedder, q, mode);
						load(take(queries, nextQuery, CLIENTS * WARM_UP_PER_CLIENT), WARM_UP_BUDGET_NANOS, bare, true);
						runs.add(run(size, mode, true, take(queries, nextQuery, CLIENTS * REQUESTS_PER_CLIENT), bare,
								bareMeters));
					}
				}
				double recall = annRecall(store, embedder,
						queries.subList(queries.size() - RECALL_QUERIES, queries.size()), copy);
				System.gc();
				long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576;
				sizes.add(new Size(size, loadSeconds, rebuildSeconds, mergeSeconds, indexBytes, segments, recall, heap,
						heapWatch.mostLiveMb()));
			}
		}
		String report = report(started, loadBefore, postgres, sizes, runs);
		Path out = Path.of(System.getProperty("user.dir"))
			.resolve(CHROMADB_RUST ? "../bench/results/search-latency-compose-rust.md"
					: CHROMADB ? "../bench/results/search-latency-compose.md" : "../bench/results/search-latency.md")
			.normalize();
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
	}

	private static List<String> take(List<String> queries, int[] next, int count) {
		List<String> taken = queries.subList(next[0], next[0] + count);
		next[0] += count;
		return taken;
	}

	private static void viaApi(KeepAliveHttp http, String query, String mode) throws Exception {
		KeepAliveHttp.Response response = http.get(RunningApi.searchPath(query, 10, mode));
		if (response.status() != 200) {
			throw new IllegalStateException("search answered " + response.status() + ": " + response.text());
		}
	}

	/**
	 * The same query on Lucene alone: BM25 over the passage text (any word), and HNSW
	 * over the vectors after embedding the query with the same model (the embedding is
	 * part of every semantic search, so of the floor too); hybrid runs both for
	 * {@link #CANDIDATES} candidates each, as the service does.
	 */
	private static void bare(IndexSearcher searcher, ChromaVectorStore chroma, Analyzer analyzer, Embedder embedder,
			String query, String mode) throws Exception {
		int k = mode.equals("hybrid") ? CANDIDATES : 10;
		if (!mode.equals("semantic")) {
			searcher.search(words(analyzer, query), k);
		}
		if (!mode.equals("lexical") && chroma != null) {
			chroma.nearest(unit(embedder.embed(query)), k, null);
		}
		else if (!mode.equals("lexical")) {
			// The same beam as the store's, so the floor finds the nearest as well as it
			// does.
			int beam = LuceneChunkIndex.beam(searcher.getIndexReader(), k);
			searcher.search(LuceneChunkIndex.nearest(unit(embedder.embed(query)), beam, null), beam);
		}
	}

	private static Query words(Analyzer analyzer, String text) throws Exception {
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		try (TokenStream tokens = analyzer.tokenStream(TEXT_FIELD, text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				any.add(new TermQuery(new Term(TEXT_FIELD, term.toString())), Occur.SHOULD);
			}
			tokens.end();
		}
		return any.build();
	}

	private static float[] unit(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += v * v;
		}
		float norm = (float) Math.sqrt(sum);
		float[] unit = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			unit[i] = vector[i] / norm;
		}
		return unit;
	}

	/**
	 * Adds synthetic papers of 100 passages until the store holds {@code size}, two
	 * writers at once; keeps every vector and id for the exact scan.
	 */
	private static int fill(PaperRepository papers, VectorStore store, SyntheticLibrary library, List<float[]> pool,
			int stored, int size, ExactCopy copy) throws Exception {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		Semaphore inFlight = new Semaphore(4);
		List<Future<?>> writes = new ArrayList<>();
		try (ExecutorService writers = Executors.newFixedThreadPool(2)) {
			while (stored < size) {
				Paper paper = new Paper(
						HexFormat.of().formatHex(sha.digest(("synthetic-" + stored).getBytes(StandardCharsets.UTF_8))));
				paper.describe("Synthetic paper " + (stored / CHUNKS_PER_PAPER), List.of("Synthetic Author"), 2024);
				paper.setPageCount(CHUNKS_PER_PAPER / 2);
				paper.setStatus(PaperStatus.READY);
				List<EmbeddedChunk> chunks = new ArrayList<>(CHUNKS_PER_PAPER);
				for (int position = 0; position < CHUNKS_PER_PAPER; position++) {
					float[] vector = library.embedding(pool);
					UUID id = Chunk.idFor(paper.getId(), position);
					chunks.add(new EmbeddedChunk(new Chunk(id, paper.getId(), position, 1 + position / 2,
							"Section " + (1 + position / 10), library.passage()), vector));
					copy.add(vector, id);
				}
				inFlight.acquire();
				writes.add(writers.submit(() -> {
					try {
						papers.save(paper);
						store.replace(paper.getId(), chunks);
					}
					finally {
						inFlight.release();
					}
					return null;
				}));
				stored += CHUNKS_PER_PAPER;
			}
			for (Future<?> write : writes) {
				write.get(60, TimeUnit.MINUTES);
			}
		}
		return stored;
	}

	/**
	 * Seconds to merge the live index as a rebuild does before it serves, commit it (the
	 * bare searches open the last commit) and search the merged segments.
	 */
	private static double merge(SearchIndex index) throws Exception {
		// Outside the index's own lock: nothing writes to it once the load is done.
		long start = System.nanoTime();
		LuceneChunkIndex live = index.index();
		live.compact();
		live.commit();
		live.refresh();
		return (System.nanoTime() - start) / 1e9;
	}

	/** Seconds from asking for a rebuild to the new index answering. */
	private static double rebuild(SearchIndex index) throws InterruptedException {
		String before = index.status().path();
		long start = System.nanoTime();
		index.requestRebuild();
		long deadline = start + TimeUnit.MINUTES.toNanos(60);
		while (System.nanoTime() < deadline) {
			SearchIndex.Status status = index.status();
			if (!status.path().equals(before) && status.build() == null && "ready".equals(status.state())) {
				return (System.nanoTime() - start) / 1e9;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("the rebuild did not finish in 60 minutes: " + index.status());
	}

	/**
	 * Share of the exact 10 nearest (a scan of every stored vector) that the index's
	 * approximate search returns, over the queries. One pass over the copy serves every
	 * query.
	 */
	private static double annRecall(VectorStore store, Embedder embedder, List<String> queries, ExactCopy copy) {
		List<float[]> embedded = queries.stream().map((query) -> unit(embedder.embed(query))).toList();
		List<PriorityQueue<double[]>> best = embedded.stream()
			.map((q) -> new PriorityQueue<double[]>((a, b) -> Double.compare(a[0], b[0])))
			.toList();
		float[] row = new float[Embedder.DIMENSIONS];
		for (int r = 0; r < copy.size(); r++) {
			copy.read(r, row);
			for (int q = 0; q < embedded.size(); q++) {
				// Lucene's SIMD dot product.
				double dot = VectorUtil.dotProduct(embedded.get(q), row);
				PriorityQueue<double[]> top = best.get(q);
				if (top.size() < 10 || dot > top.peek()[0]) {
					top.add(new double[] { dot, r });
					if (top.size() > 10) {
						top.poll();
					}
				}
			}
		}
		double sum = 0;
		for (int q = 0; q < embedded.size(); q++) {
			Set<UUID> exact = new HashSet<>();
			best.get(q).forEach((e) -> exact.add(copy.id((int) e[1])));
			List<Hit> found = store.semantic(embedded.get(q), 10, Filter.any());
			sum += found.stream().filter((hit) -> exact.contains(hit.chunkId())).count() / 10.0;
		}
		return sum / queries.size();
	}

	/**
	 * Every vector written, with its passage's id, for the exact scan: off the heap (1.5
	 * GB at 1M), so that the heap the benchmark reports is the service's.
	 */
	static final class ExactCopy {

		private final MemorySegment vectors;

		private final long[] idHigh;

		private final long[] idLow;

		private int size;

		/**
		 * In a mapped file (temporary, sparse): direct memory would count against
		 * {@code -XX:MaxDirectMemorySize}, which defaults to the heap's size.
		 */
		ExactCopy(int capacity, Path file) throws IOException {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
					StandardOpenOption.WRITE, StandardOpenOption.SPARSE, StandardOpenOption.DELETE_ON_CLOSE)) {
				this.vectors = channel.map(FileChannel.MapMode.READ_WRITE, 0,
						(long) capacity * Embedder.DIMENSIONS * Float.BYTES, Arena.ofAuto());
			}
			this.idHigh = new long[capacity];
			this.idLow = new long[capacity];
		}

		void add(float[] vector, UUID id) {
			MemorySegment.copy(vector, 0, this.vectors, ValueLayout.JAVA_FLOAT,
					(long) this.size * Embedder.DIMENSIONS * Float.BYTES, Embedder.DIMENSIONS);
			this.idHigh[this.size] = id.getMostSignificantBits();
			this.idLow[this.size] = id.getLeastSignificantBits();
			this.size++;
		}

		void read(int row, float[] into) {
			MemorySegment.copy(this.vectors, ValueLayout.JAVA_FLOAT, (long) row * Embedder.DIMENSIONS * Float.BYTES,
					into, 0, Embedder.DIMENSIONS);
		}

		UUID id(int row) {
			return new UUID(this.idHigh[row], this.idLow[row]);
		}

		int size() {
			return this.size;
		}

	}

	/**
	 * The most heap live at any full collection during the run (what a full collection
	 * leaves is what was live then), loads, merges and rebuilds included: the heap the
	 * service needed, with the clients and the query lists.
	 */
	static final class HeapWatch {

		private final AtomicLong most = new AtomicLong();

		static HeapWatch start() {
			HeapWatch watch = new HeapWatch();
			Set<String> heapPools = new HashSet<>();
			ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.forEach((pool) -> heapPools.add(pool.getName()));
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
					if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						return;
					}
					GarbageCollectionNotificationInfo collection = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData());
					if (!collection.getGcAction().contains("major")) {
						return;
					}
					long live = collection.getGcInfo()
						.getMemoryUsageAfterGc()
						.entrySet()
						.stream()
						.filter((pool) -> heapPools.contains(pool.getKey()))
						.mapToLong((pool) -> pool.getValue().getUsed())
						.sum();
					watch.most.accumulateAndGet(live, Math::max);
				}, null, null);
			}
			return watch;
		}

		long mostLiveMb() {
			return this.most.get() / 1048576;
		}

	}

	private static Run run(int chunks, String mode, boolean bare, List<String> queries, Search search)
			throws Exception {
		long[][] measured = new long[1][];
		double seconds = load(queries, ROW_BUDGET_NANOS, search, measured, bare);
		return new Run(chunks, mode, bare, measured[0].length, seconds, measured[0], Double.NaN);
	}

	/**
	 * The row of {@link #run}, with the searches a ChromaDB call carried on average while
	 * it ran (from the store's {@code thoth.search.chromadb.queries.per.call}).
	 */
	private static Run run(int chunks, String mode, boolean bare, List<String> queries, Search search,
			MeterRegistry meters) throws Exception {
		DistributionSummary perCall = meters.find("thoth.search.chromadb.queries.per.call").summary();
		if (perCall == null) {
			return run(chunks, mode, bare, queries, search);
		}
		long callsBefore = perCall.count();
		double searchesBefore = perCall.totalAmount();
		Run run = run(chunks, mode, bare, queries, search);
		long calls = perCall.count() - callsBefore;
		double searchesPerCall = (calls > 0) ? (perCall.totalAmount() - searchesBefore) / calls : Double.NaN;
		return new Run(run.chunks(), run.mode(), run.bare(), run.requests(), run.seconds(), run.latenciesNanos(),
				searchesPerCall);
	}

	private static void load(List<String> queries, long budget, Search search) throws Exception {
		load(queries, budget, search, new long[1][], false);
	}

	private static void load(List<String> queries, long budget, Search search, boolean bare) throws Exception {
		load(queries, budget, search, new long[1][], bare);
	}

	/**
	 * 8 clients (virtual threads), each sending its share of the queries one after
	 * another, until its share is done or the budget is spent; returns the seconds.
	 */
	private static double load(List<String> queries, long budget, Search search, long[][] measuredOut, boolean bare)
			throws Exception {
		int perClient = queries.size() / CLIENTS;
		long[] latencies = new long[perClient * CLIENTS];
		int[] sentBy = new int[CLIENTS];
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> clients = new ArrayList<>();
		long start;
		long end;
		// The bare clients compute without ever blocking: as virtual threads only two
		// would run at once (one per core) and the others' clocks would not start until
		// then, so their latency would leave out the wait that 8 HTTP clients see. As
		// platform threads all 8 are in flight and share the cores, as the requests do.
		ThreadFactory factory = bare ? Thread.ofPlatform().daemon().factory() : Thread.ofVirtual().factory();
		try (ExecutorService threads = Executors.newThreadPerTaskExecutor(factory)) {
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				clients.add(threads.submit(() -> {
					go.await();
					long deadline = System.nanoTime() + budget;
					for (int i = 0; i < perClient && System.nanoTime() < deadline; i++) {
						int index = client * perClient + i;
						long sent = System.nanoTime();
						search.run(queries.get(index));
						latencies[index] = System.nanoTime() - sent;
						sentBy[client]++;
					}
					return null;
				}));
			}
			start = System.nanoTime();
			go.countDown();
			for (Future<?> client : clients) {
				client.get(30, TimeUnit.MINUTES);
			}
			end = System.nanoTime();
		}
		long[] measured = new long[Arrays.stream(sentBy).sum()];
		int n = 0;
		for (int c = 0; c < CLIENTS; c++) {
			System.arraycopy(latencies, c * perClient, measured, n, sentBy[c]);
			n += sentBy[c];
		}
		measuredOut[0] = measured;
		return (end - start) / 1e9;
	}

	// ------------------------------------------------------------------ report

	private static String report(String started, String loadBefore, String postgres, List<Size> sizes, List<Run> runs) {
		StringBuilder out = new StringBuilder(
				CHROMADB ? "# Search: latency under load on the compose stack's stores (ChromaDB for vectors)\n\n"
						: "# Search: latency under load on the Lucene index\n\n");
		out.append(String
			.format(Locale.ROOT, "Measured %s by `SearchLatencyBenchmark` (api-service tests, tag `benchmark`; run "
					+ "`bench/search-latency.sh`) on %d CPUs (shared with other work), Java %s, PostgreSQL %s on "
					+ "the same machine. JVM options: `%s`. Load average (1, 5, 15 min) at the start %s, at the end "
					+ "%s.%n%n", started, Runtime.getRuntime().availableProcessors(), Runtime.version(), postgres,
					String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
						.replaceAll("-D\\S+", "")
						.replaceAll("\\s+", " ")
						.strip(),
					loadBefore, loadAverage()));
		String stores = CHROMADB ? "passages in PostgreSQL and in ChromaDB, searched by meaning in ChromaDB's HNSW "
				+ (CHROMADB_RUST ? "(its Rust server, `chroma run`, on this machine, without authentication)"
						: "(its Python server on this machine, with a token, as the compose stack's image runs it)")
				+ " and by words in "
				+ "the API's own Lucene index (BM25); in-process embedding model, caches in Redis as in the compose stack, "
				+ "rate limit off; the API runs in the benchmark's JVM, not in a container behind nginx"
				: "passages in PostgreSQL, searched in its own Lucene index: BM25, HNSW over full-precision "
						+ "vectors; in-process embedding model, default caches, rate limit off";
		String bareSearch = CHROMADB ? "BM25 over the passage (any word) on Lucene's own `IndexSearcher` over the same "
				+ "index directory, and ChromaDB's query (through Thoth's thin client) after embedding the query with the "
				+ "same model"
				: String.format(Locale.ROOT,
						"on Lucene's own `IndexSearcher` over the same index directory: BM25 over the passage (any "
								+ "word) and the store's own vector query (HNSW, every segment with the store's beam: %d, "
								+ "or %d once a segment holds more than %d passages) after embedding the query with the "
								+ "same model",
						LuceneChunkIndex.MIN_VECTOR_CANDIDATES, LuceneChunkIndex.LARGE_GRAPH_VECTOR_CANDIDATES,
						LuceneChunkIndex.LARGE_GRAPH);
		out.append(String.format(Locale.ROOT,
				"A real API service (%s) with "
						+ "synthetic passages (%d to a paper, 200 to 300 words from a word bigram model of the corpus "
						+ "papers, so with their skewed word frequencies; vectors near one of %d real embeddings) "
						+ "written through the store. %d concurrent clients send `GET /api/v1/search?k=10` back to "
						+ "back, each on a kept-alive connection of a lean HTTP/1.1 client (`KeepAliveHttp`: the "
						+ "clients share the cores with the service, as a load generator such as wrk is kept lean), "
						+ "%d requests per row at most and no more than %d s of them, after up to %d warm-up "
						+ "requests; every query is new (2 to 5 content words drawn by corpus frequency), so no "
						+ "cache answers. **bare**: the same number of new queries from as many platform threads (all "
						+ "in flight at once, sharing the cores as the requests do), in the same JVM, %s (on the same "
						+ "embedder, so one thread per embedding); hybrid runs both for %d candidates. No HTTP, no "
						+ "Spring, no filters, no fusion, no titles: the floor.%n%n",
				stores, CHUNKS_PER_PAPER, EMBEDDING_POOL, CLIENTS, CLIENTS * REQUESTS_PER_CLIENT,
				TimeUnit.NANOSECONDS.toSeconds(ROW_BUDGET_NANOS), CLIENTS * WARM_UP_PER_CLIENT, bareSearch,
				CANDIDATES));
		out.append("| passages | mode | requests | p50 ms | p95 ms | p99 ms | throughput req/s | bare p50 ms | ")
			.append("bare p95 ms | p50 / bare | p95 / bare |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		Map<String, Run> bare = new LinkedHashMap<>();
		runs.stream().filter(Run::bare).forEach((r) -> bare.put(r.chunks() + r.mode(), r));
		for (Run run : runs) {
			if (run.bare()) {
				continue;
			}
			Run floor = bare.get(run.chunks() + run.mode());
			out.append(String.format(Locale.ROOT,
					"| %,d | %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n", run.chunks(),
					run.mode(), run.requests(), run.percentile(50), run.percentile(95), run.percentile(99),
					run.throughput(), floor.percentile(50), floor.percentile(95),
					run.percentile(50) / floor.percentile(50), run.percentile(95) / floor.percentile(95)));
		}
		if (CHROMADB) {
			out.append("\nSearches by meaning a query call to ChromaDB carried, on average over the row ")
				.append("(`thoth.search.chromadb.queries.per.call`; one call out at a time, up to ")
				.append(ChromaVectorStore.QUERIES_PER_CALL)
				.append(" a call):\n\n| passages | mode | API | bare |\n|---:|---|---:|---:|\n");
			for (Run run : runs) {
				Run floor = bare.get(run.chunks() + run.mode());
				if (!run.bare() && !Double.isNaN(run.searchesPerCall())) {
					out.append(String.format(Locale.ROOT, "| %,d | %s | %.1f | %.1f |%n", run.chunks(), run.mode(),
							run.searchesPerCall(), floor.searchesPerCall()));
				}
			}
		}
		out.append("\n| passages | load s (PostgreSQL writes, index following) | re-index s (online rebuild from ")
			.append("PostgreSQL, merge included) | index on disk MB | segments | ANN recall@10 vs exact | heap used after a ")
			.append("full GC MB | most heap live at any full GC so far MB |\n")
			.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Size size : sizes) {
			String reindex = Double.isNaN(size.rebuildSeconds())
					? String.format(Locale.ROOT, "not run (the loaded index merged in %.0f s)", size.mergeSeconds())
					: String.format(Locale.ROOT, "%.0f", size.rebuildSeconds());
			out.append(String.format(Locale.ROOT, "| %,d | %.0f | %s | %.1f | %d | %.3f | %d | %d |%n", size.chunks(),
					size.loadSeconds(), reindex, size.indexBytes() / 1048576.0, size.segments(), size.annRecall(),
					size.heapUsedMb(), size.mostLiveHeapMb()));
		}
		out.append(String.format(Locale.ROOT,
				"%nANN recall@10: over %d new queries, the share of the exact 10 nearest passages (a scan of "
						+ "every stored vector in full precision) that the store's semantic search returns. Heap: the "
						+ "benchmark's JVM (its -Xmx above), which holds the service, the clients and the query lists; "
						+ "the copy of every vector for the exact scan is off the heap. The most live at any full GC: "
						+ "what the full collections of the run left, loads, merges and rebuilds included.%n",
				RECALL_QUERIES));
		return out.toString();
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
			return parts[0] + ", " + parts[1] + ", " + parts[2];
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

}
