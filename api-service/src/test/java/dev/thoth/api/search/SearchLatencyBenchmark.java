package dev.thoth.api.search;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.thoth.api.support.CorpusText;
import dev.thoth.api.support.RunningApi;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (tag {@code benchmark}, excluded from the build; run
 * {@code bench/search-latency.sh}): writes {@code bench/results/search-latency.md}.
 * <p>
 * A real API service (whole application, free port, rate limit off, default caches) on a
 * fresh PostgreSQL database with the PostgreSQL vector store, filled with
 * {@link SyntheticLibrary synthetic chunks} straight through the {@link VectorStore}:
 * first 10,000, then 90,000 more. At each size, after a warm-up, 8 clients (virtual
 * threads, one {@code java.net.http} client, HTTP/1.1 keep-alive) send
 * {@code GET /api/v1/search?k=10} as fast as answers come, every query different (so
 * neither the search cache nor the query-embedding cache can answer), in each mode; then
 * hybrid again with queries already asked (both caches answer). Then, one request at a
 * time in process, where the time of an uncached search goes: embedding the query, the
 * vector scan, the full-text query. No target is asserted: the numbers go into the table.
 */
@Tag("benchmark")
class SearchLatencyBenchmark {

	private static final int CLIENTS = 8;

	private static final int REQUESTS_PER_CLIENT = Integer.getInteger("thoth.bench.requests-per-client", 80);

	private static final int WARM_UP_PER_CLIENT = 15;

	/**
	 * Each row stops early after this long: slow rows get fewer requests, never hours.
	 */
	private static final long ROW_BUDGET_NANOS = TimeUnit.SECONDS
		.toNanos(Integer.getInteger("thoth.bench.row-seconds", 60));

	private static final long WARM_UP_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(15);

	private static final int CHUNKS_PER_PAPER = 100;

	private static final int EMBEDDING_POOL = 256;

	private static final int CANDIDATES = 40;

	private static final int PROFILE_QUERIES = 60;

	private static final double TARGET_P95_MS = 50;

	private static final List<Integer> SIZES = List.of(10_000, 100_000);

	private static final List<String> MODES = List.of("lexical", "semantic", "hybrid");

	@TempDir
	static Path workspace;

	record Run(int chunks, String mode, boolean cached, int requests, double seconds, long[] latenciesNanos,
			List<String> sent) {

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

	/** Single-request times of the parts of an uncached search, in process. */
	record Parts(int chunks, long[] embed, long[] scan, long[] lexical, double oneSumMs, double fourSumsMs) {
	}

	@Test
	void writeReport() throws Exception {
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.format(Instant.now().atOffset(ZoneOffset.UTC));
		String loadBefore = loadAverage();
		List<CorpusText.Paper> corpus = CorpusText.papers();
		SyntheticLibrary library = new SyntheticLibrary(
				SyntheticLibrary.passagesOf(corpus.stream().map(CorpusText.Paper::pages).toList()), 20261125L);
		int totalQueries = SIZES.size() * (MODES.size() * CLIENTS * (REQUESTS_PER_CLIENT + WARM_UP_PER_CLIENT)
				+ PROFILE_QUERIES + CLIENTS * WARM_UP_PER_CLIENT);
		List<String> queries = library.queries(totalQueries);
		int[] nextQuery = { 0 };
		TestServers.Postgres database = TestServers.postgres().freshDatabase();
		List<Run> runs = new ArrayList<>();
		List<Parts> parts = new ArrayList<>();
		Map<Integer, Double> loadSeconds = new LinkedHashMap<>();
		Map<Integer, String> plans = new LinkedHashMap<>();
		String postgres;
		try (RunningApi api = RunningApi.start(database, workspace, Map.of())) {
			VectorStore store = api.bean(VectorStore.class);
			Embedder embedder = api.bean(Embedder.class);
			assertThat(store.name()).as("the embedded PostgreSQL vector store").isEqualTo("postgres");
			postgres = api.bean(JdbcClient.class)
				.sql("select current_setting('server_version')")
				.query(String.class)
				.single();
			List<float[]> pool = embedder
				.embed(java.util.stream.IntStream.range(0, EMBEDDING_POOL).mapToObj((i) -> library.passage()).toList());
			int stored = 0;
			for (int size : SIZES) {
				long loadStart = System.nanoTime();
				stored = fill(api.bean(PaperRepository.class), store, library, pool, stored, size);
				api.bean(JdbcClient.class).sql("analyze paper_chunks").update();
				loadSeconds.put(size, (System.nanoTime() - loadStart) / 1e9);
				assertThat(store.count()).isEqualTo(size);
				// The first query after a change reloads the vector cache: not part of a
				// search.
				store.semantic(embedder.embed("warm the vector cache"), 1, Filter.any());
				for (String mode : MODES) {
					load(api, mode, take(queries, nextQuery, CLIENTS * WARM_UP_PER_CLIENT), size, false,
							WARM_UP_BUDGET_NANOS);
					runs.add(load(api, mode, take(queries, nextQuery, CLIENTS * REQUESTS_PER_CLIENT), size, false,
							ROW_BUDGET_NANOS));
				}
				// Queries already asked (those the hybrid row sent): answered by the
				// search cache.
				List<String> asked = runs.getLast().sent();
				runs.add(load(api, "hybrid", asked, size, true, ROW_BUDGET_NANOS));
				plans.put(size, plan(api.bean(JdbcClient.class), queries.get(nextQuery[0] - 1)));
				parts.add(profile(store, embedder, take(queries, nextQuery, PROFILE_QUERIES), size));
			}
		}
		String report = report(started, loadBefore, postgres, loadSeconds, runs, parts, plans);
		Path out = Path.of(System.getProperty("user.dir")).resolve("../bench/results/search-latency.md").normalize();
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
	}

	private static List<String> take(List<String> queries, int[] next, int count) {
		List<String> taken = queries.subList(next[0], next[0] + count);
		next[0] += count;
		return taken;
	}

	/**
	 * Adds synthetic papers of 100 chunks until the store holds {@code size}: the text is
	 * generated here, in order (the same seed gives the same library), and written by two
	 * writers at once.
	 */
	private static int fill(PaperRepository papers, VectorStore store, SyntheticLibrary library, List<float[]> pool,
			int stored, int size) throws Exception {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(4);
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
					chunks
						.add(new EmbeddedChunk(
								new Chunk(Chunk.idFor(paper.getId(), position), paper.getId(), position,
										1 + position / 2, "Section " + (1 + position / 10), library.passage()),
								library.embedding(pool)));
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
				write.get(10, TimeUnit.MINUTES);
			}
		}
		return stored;
	}

	/**
	 * 8 clients, each sending its share of the queries one after another, until its share
	 * is done or the budget is spent.
	 */
	private static Run load(RunningApi api, String mode, List<String> queries, int chunks, boolean cached, long budget)
			throws Exception {
		int perClient = queries.size() / CLIENTS;
		long[] latencies = new long[perClient * CLIENTS];
		int[] sentBy = new int[CLIENTS];
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> clients = new ArrayList<>();
		long start;
		long end;
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				clients.add(threads.submit(() -> {
					go.await();
					long deadline = System.nanoTime() + budget;
					for (int i = 0; i < perClient && System.nanoTime() < deadline; i++) {
						int index = client * perClient + i;
						long sent = System.nanoTime();
						HttpResponse<String> response = api.http()
							.send(api.searchRequest(queries.get(index), 10, mode),
									HttpResponse.BodyHandlers.ofString());
						latencies[index] = System.nanoTime() - sent;
						sentBy[client]++;
						if (response.statusCode() != 200) {
							throw new IllegalStateException(
									"search answered " + response.statusCode() + ": " + response.body());
						}
					}
					return null;
				}));
			}
			start = System.nanoTime();
			go.countDown();
			for (Future<?> client : clients) {
				client.get(10, TimeUnit.MINUTES);
			}
			end = System.nanoTime();
		}
		long[] measured = new long[Arrays.stream(sentBy).sum()];
		List<String> sent = new ArrayList<>();
		int n = 0;
		for (int c = 0; c < CLIENTS; c++) {
			System.arraycopy(latencies, c * perClient, measured, n, sentBy[c]);
			sent.addAll(queries.subList(c * perClient, c * perClient + sentBy[c]));
			n += sentBy[c];
		}
		return new Run(chunks, mode, cached, measured.length, (end - start) / 1e9, measured, sent);
	}

	/** How PostgreSQL runs the store's full-text query for a query, and what it costs. */
	private static String plan(JdbcClient jdbc, String query) {
		List<String> words = List.of(query.split(" "));
		StringBuilder anyWord = new StringBuilder();
		for (String word : words) {
			anyWord.append(anyWord.isEmpty() ? "" : " || ")
				.append("plainto_tsquery('english', '")
				.append(word)
				.append("')");
		}
		String sql = "explain (analyze, buffers, costs off) select c.id, c.paper_id, c.page, c.section, c.text, "
				+ "ts_rank_cd(c.search, q.any_word, 32) + case when c.search @@ q.all_words then 1 else 0 end as score "
				+ "from paper_chunks c, (select (" + anyWord + ") as any_word, websearch_to_tsquery('english', '"
				+ query + "') as all_words) q where c.search @@ q.any_word order by score desc, c.id limit "
				+ CANDIDATES;
		return "Query: `" + query + "`\n\n```\n" + String.join("\n", jdbc.sql(sql).query(String.class).list())
				+ "\n```\n";
	}

	private static Parts profile(VectorStore store, Embedder embedder, List<String> queries, int chunks) {
		long[] embed = new long[queries.size()];
		long[] scan = new long[queries.size()];
		long[] lexical = new long[queries.size()];
		long deadline = System.nanoTime() + ROW_BUDGET_NANOS;
		int done = 0;
		for (int i = 0; i < queries.size() && (i < 5 || System.nanoTime() < deadline); i++) {
			done++;
			long t0 = System.nanoTime();
			float[] vector = embedder.embed(queries.get(i));
			long t1 = System.nanoTime();
			store.semantic(vector, CANDIDATES, Filter.any());
			long t2 = System.nanoTime();
			store.lexical(queries.get(i), CANDIDATES, Filter.any());
			long t3 = System.nanoTime();
			embed[i] = t1 - t0;
			scan[i] = t2 - t1;
			lexical[i] = t3 - t2;
		}
		double[] kernels = kernels(chunks);
		return new Parts(chunks, Arrays.copyOf(embed, done), Arrays.copyOf(scan, done), Arrays.copyOf(lexical, done),
				kernels[0], kernels[1]);
	}

	/**
	 * The scan's inner loop over {@code rows} vectors of 384 floats, best of 5 rounds
	 * each, alternating: one double sum (the store's loop before) against four float sums
	 * (the loop of {@code Vectors.dot} now, copied here since it is package-private).
	 */
	private static double[] kernels(int rows) {
		int d = Embedder.DIMENSIONS;
		java.util.Random random = new java.util.Random(7);
		float[] matrix = new float[rows * d];
		for (int i = 0; i < matrix.length; i++) {
			matrix[i] = (float) (random.nextGaussian() / Math.sqrt(d));
		}
		float[] query = Arrays.copyOf(matrix, d);
		double[] best = { Double.MAX_VALUE, Double.MAX_VALUE };
		double sink = 0;
		for (int round = 0; round < 5; round++) {
			long t0 = System.nanoTime();
			for (int row = 0; row < rows; row++) {
				double dot = 0;
				int offset = row * d;
				for (int i = 0; i < d; i++) {
					dot += query[i] * matrix[offset + i];
				}
				sink += dot;
			}
			long t1 = System.nanoTime();
			for (int row = 0; row < rows; row++) {
				int offset = row * d;
				float s0 = 0;
				float s1 = 0;
				float s2 = 0;
				float s3 = 0;
				for (int i = 0; i < d; i += 4) {
					s0 += query[i] * matrix[offset + i];
					s1 += query[i + 1] * matrix[offset + i + 1];
					s2 += query[i + 2] * matrix[offset + i + 2];
					s3 += query[i + 3] * matrix[offset + i + 3];
				}
				sink += (s0 + s1) + (s2 + s3);
			}
			long t2 = System.nanoTime();
			best[0] = Math.min(best[0], (t1 - t0) / 1e6);
			best[1] = Math.min(best[1], (t2 - t1) / 1e6);
		}
		if (sink == Double.MAX_VALUE) {
			System.out.println(sink); // keeps the loops from being optimised away
		}
		return best;
	}

	// ------------------------------------------------------------------ report

	private static String report(String started, String loadBefore, String postgres, Map<Integer, Double> loadSeconds,
			List<Run> runs, List<Parts> parts, Map<Integer, String> plans) {
		StringBuilder out = new StringBuilder("# Search: latency under load at 10k and 100k chunks\n\n");
		out.append("Measured ")
			.append(started)
			.append(" by `SearchLatencyBenchmark` (api-service tests, tag `benchmark`; run `bench/search-latency.sh`) on ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, Java ")
			.append(Runtime.version())
			.append(", PostgreSQL ")
			.append(postgres)
			.append(" on the same machine. JVM options: `")
			.append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
				.replaceAll("-D\\S+", "")
				.replaceAll("\\s+", " ")
				.strip())
			.append("`. Load average (1, 5, 15 min) at the start ")
			.append(loadBefore)
			.append(", at the end ")
			.append(loadAverage())
			.append(".\n\n");
		out.append("A real API service (PostgreSQL vector store, in-process embedding model, default caches, rate ")
			.append("limit off) with synthetic chunks loaded straight into the store (")
			.append(loadSeconds.entrySet()
				.stream()
				.map((e) -> String.format(Locale.ROOT, "%,d chunks in %.0f s", e.getKey(), e.getValue()))
				.reduce((a, b) -> a + ", then " + b)
				.orElse(""))
			.append("). ")
			.append(CLIENTS)
			.append(" concurrent clients send `GET /api/v1/search?k=10` back to back, ")
			.append(CLIENTS * REQUESTS_PER_CLIENT)
			.append(" requests per row at most, and no more than ")
			.append(TimeUnit.NANOSECONDS.toSeconds(ROW_BUDGET_NANOS))
			.append(" s of them, after up to ")
			.append(CLIENTS * WARM_UP_PER_CLIENT)
			.append(" warm-up requests (")
			.append(TimeUnit.NANOSECONDS.toSeconds(WARM_UP_BUDGET_NANOS))
			.append(" s at most) in the same mode; every query is different, so no cache answers (rows ")
			.append("marked *cached* repeat queries already asked). Times are measured by the clients, request ")
			.append("sent to body read. Target: p95 under ")
			.append((int) TARGET_P95_MS)
			.append(" ms for hybrid at 100k chunks.\n\n");
		out.append("| chunks | mode | requests | p50 ms | p95 ms | p99 ms | max ms | throughput req/s |\n")
			.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
		for (Run run : runs) {
			out.append(String.format(Locale.ROOT, "| %,d | %s%s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
					run.chunks(), run.mode(), run.cached() ? " (cached)" : "", run.requests(), run.percentile(50),
					run.percentile(95), run.percentile(99), run.percentile(100), run.throughput()));
		}
		Run hybridLarge = find(runs, SIZES.getLast(), "hybrid", false);
		if (hybridLarge != null) {
			double p95 = hybridLarge.percentile(95);
			out.append(String.format(Locale.ROOT, "%n**Target (hybrid p95 < %.0f ms at %,d chunks): %s** (%.1f ms).%n",
					TARGET_P95_MS, SIZES.getLast(), (p95 < TARGET_P95_MS) ? "met" : "missed", p95));
		}
		out.append("\n## Growth from 10k to 100k chunks\n\n")
			.append("| mode | p50 × | p95 × | throughput × |\n|---|---:|---:|---:|\n");
		for (String mode : MODES) {
			Run small = find(runs, SIZES.getFirst(), mode, false);
			Run large = find(runs, SIZES.getLast(), mode, false);
			if (small != null && large != null) {
				out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", mode,
						large.percentile(50) / small.percentile(50), large.percentile(95) / small.percentile(95),
						large.throughput() / small.throughput()));
			}
		}
		out.append("\n## Where an uncached search spends its time\n\n")
			.append("One request at a time, in process, on the service's own beans, ")
			.append(PROFILE_QUERIES)
			.append(" new queries per size at most (")
			.append(TimeUnit.NANOSECONDS.toSeconds(ROW_BUDGET_NANOS))
			.append(" s at most, 5 at least): embedding the query, the vector scan for ")
			.append(CANDIDATES)
			.append(" candidates (as hybrid asks), the full-text query for ")
			.append(CANDIDATES)
			.append(" candidates.\n\n")
			.append("| chunks | query embedding p50 / p95 ms | vector scan p50 / p95 ms | full-text query p50 / p95 ms |\n")
			.append("|---:|---:|---:|---:|\n");
		for (Parts part : parts) {
			out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s |%n", part.chunks(), pair(part.embed()),
					pair(part.scan()), pair(part.lexical())));
		}
		out.append("\nThe scan's inner loop alone over as many vectors, best of 5 rounds, same JVM, alternating: ")
			.append("one double sum per row (the store's loop before this benchmark) against four float sums ")
			.append("(`Vectors.dot`, now).\n\n| chunks | one double sum ms | four float sums ms | speed-up |\n")
			.append("|---:|---:|---:|---:|\n");
		for (Parts part : parts) {
			out.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.2f× |%n", part.chunks(), part.oneSumMs(),
					part.fourSumsMs(), part.oneSumMs() / part.fourSumsMs()));
		}
		out.append("\n<details><summary>PostgreSQL's plan for the full-text query of the store, one generated query, ")
			.append("after the runs</summary>\n\n");
		plans.forEach(
				(size, plan) -> out.append(String.format(Locale.ROOT, "%,d chunks. ", size)).append(plan).append("\n"));
		out.append("</details>\n");
		return out.append(NOTES).toString();
	}

	private static final String NOTES = """

			## Notes

			- **The machine.** Two cores shared with other work: see the load averages above. With a load \
			average well above 2, every absolute number here is several times what a quiet machine gives; read \
			the ratios and where the time goes. The clients run in the service's JVM (virtual threads) and \
			PostgreSQL on the same two cores.
			- **Where the time goes: the full-text query.** `PostgresVectorStore.lexical` matches chunks holding \
			*any* query word and ranks every one of them with `ts_rank_cd`, reading each chunk's tsvector (about \
			2 kB, stored out of line: several buffer reads per row; see the plans). Its cost is linear in the \
			number of matching chunks, and PostgreSQL's GIN index can find them but not rank them. The synthetic \
			text has the vocabulary of six papers and the queries draw their words by frequency, so a query word \
			is in a large share of all chunks (the plans show how many rows matched): heavier than most queries \
			on a real library, but a word such as "model" or "results" does the same there. Hybrid pays this plus \
			the vector scan and embedding the query.
			- **The vector scan** is exact: N × 384 multiply-adds per query in Java, so linear in N, and with \
			8 clients on 2 cores requests queue behind each other. The scan's loop now keeps four float sums \
			(`Vectors.dot`), the table above compares it with the loop before; the store is otherwise unchanged.
			- **Embedding the query** costs a few milliseconds and does not grow with the library.
			- **Cached** rows repeat queries the hybrid row asked: the search cache answers, so they measure \
			HTTP, the API key check and JSON. At 100k chunks the hybrid row sent only a few dozen queries, so \
			its cached row is short.
			- **Memory.** The default heap `./thoth` gives the API (`-Xmx128m`) cannot hold the vector cache \
			of 100k chunks (100,000 × 384 floats = 154 MB; loading it briefly needs about twice that): at that \
			size the service needs `THOTH_API_JAVA_OPTS` with a larger heap (this benchmark runs with `-Xmx1g`). \
			Arithmetic, not a run with 128 MB.
			- **What would meet the target.** With 8 clients on 2 cores, p95 is mostly queueing: about 8 × \
			the CPU time of one request / 2 cores, so a hybrid search must cost well under 10 ms of CPU at \
			100k chunks. Faster loops cannot get there; the two linear parts must become index lookups:
			  - Full-text: (1) exact and cheap first: rank the chunks holding *all* the words first (the GIN \
			index finds them; they always outrank partial matches, which score below 1) and rank partial matches \
			only when fewer than k such chunks exist; (2) leave out of the partial-match ranking words that \
			occur in more than a few percent of chunks (their IDF is near zero; PostgreSQL's statistics, \
			`pg_stats.most_common_elems` of `search`, give the frequencies for free), which changes results \
			and must be checked with `bench/retrieval.sh`; (3) an index that ranks (BM25 with top-k pruning: \
			ParadeDB's pg_search, or the RUM extension), which stock PostgreSQL lacks. Keeping the tsvector in \
			line (`alter table paper_chunks alter column search set storage main`) would cut the buffer reads \
			per row, not the ranking.
			  - Vectors: an int8 copy of the cache (4 times less memory to stream, and it fits the default \
			heap) with the top candidates re-scored exactly; beyond some 10^5 chunks an HNSW index (ChromaDB, \
			which Thoth supports, or pgvector), as `PostgresVectorStore`'s own documentation says.
			""";

	private static String pair(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "%.1f / %.1f", sorted[(sorted.length - 1) / 2] / 1e6,
				sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1e6);
	}

	private static Run find(List<Run> runs, int chunks, String mode, boolean cached) {
		return runs.stream()
			.filter((run) -> run.chunks() == chunks && run.mode().equals(mode) && run.cached() == cached)
			.findFirst()
			.orElse(null);
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
