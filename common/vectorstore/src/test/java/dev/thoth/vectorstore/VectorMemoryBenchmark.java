package dev.thoth.vectorstore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (JUnit tag {@code benchmark}, skipped by the build; run
 * {@code bench/vector-memory.sh}): the heap the PostgreSQL vector store's in-memory
 * embeddings take, per passage, on a real PostgreSQL with synthetic passages (384
 * dimensions, the shipped model's). Two measures for each library size: the heap a loaded
 * store retains (a full GC before and after dropping it, in this JVM), and the smallest
 * heap in which a JVM with the services' collector (Serial) loads the store, answers a
 * search, and loads it again after a change, as the API does after every ingest (found by
 * bisection over {@code -Xmx}, each try a new JVM that exits on OutOfMemoryError). Writes
 * {@code bench/results/vector-memory.md}.
 */
@Tag("benchmark")
@SpringBootTest(classes = VectorStoreTestApplication.class)
class VectorMemoryBenchmark {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	private static final int DIMENSIONS = 384;

	private static final int PASSAGES_PER_PAPER = 33;

	private static final int[] SIZES = { 10_000, 30_000, 60_000 };

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void report() throws Exception {
		String started = ZonedDateTime.now(ZoneOffset.UTC)
			.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
		Random random = new Random(7);
		Map<Integer, long[]> rows = new LinkedHashMap<>();
		int stored = 0;
		long smallestEmpty = smallestHeapMb();
		for (int size : SIZES) {
			stored = fill(random, stored, size);
			long retained = retainedBytes();
			long smallest = smallestHeapMb();
			rows.put(size, new long[] { retained, smallest });
		}
		String report = report(started, smallestEmpty, rows);
		Path file = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "bench", "results",
				"vector-memory.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
		System.out.println(report);
		assertThat(rows.values()).allSatisfy((row) -> assertThat(row[0]).isPositive());
	}

	/** Adds synthetic papers and passages until {@code target} passages are stored. */
	private int fill(Random random, int stored, int target) {
		PostgresVectorStore writer = new PostgresVectorStore(this.dataSource, "bench");
		while (stored < target) {
			UUID paper = UUID.randomUUID();
			this.jdbc.update("insert into papers (id, content_sha256, status) values (?, ?, 'READY')", paper,
					(paper.toString().replace("-", "") + "0".repeat(32)).substring(0, 64));
			List<EmbeddedChunk> chunks = new ArrayList<>();
			for (int position = 0; position < PASSAGES_PER_PAPER && stored < target; position++, stored++) {
				float[] vector = new float[DIMENSIONS];
				for (int i = 0; i < DIMENSIONS; i++) {
					vector[i] = (float) random.nextGaussian();
				}
				chunks.add(new EmbeddedChunk(new Chunk(UUID.randomUUID(), paper, position, 1 + position / 3, "Results",
						"Passage " + position + " of a synthetic paper about measured memory."), vector));
			}
			writer.replace(paper, chunks);
		}
		this.jdbc.update("vacuum analyze paper_chunks");
		return stored;
	}

	/** Heap a loaded store retains: used heap after a full GC with it, and without it. */
	private long retainedBytes() {
		PostgresVectorStore store = new PostgresVectorStore(this.dataSource, "bench");
		assertThat(store.semantic(query(), 10, Filter.any())).hasSize(10);
		long with = usedAfterGc();
		assertThat(store.semantic(query(), 10, Filter.any())).hasSize(10); // keeps it
																			// reachable
		store = null;
		long without = usedAfterGc();
		return with - without;
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static float[] query() {
		float[] query = new float[DIMENSIONS];
		query[0] = 1;
		return query;
	}

	/** The smallest -Xmx (MB, to 4 MB) in which {@link Probe} succeeds. */
	private long smallestHeapMb() throws IOException, InterruptedException {
		long low = 8; // fails
		long high = 1024; // succeeds
		if (!probe(high)) {
			throw new IllegalStateException("the probe fails even with -Xmx" + high + "m");
		}
		while (high - low > 4) {
			long middle = (low + high) / 2;
			if (probe(middle)) {
				high = middle;
			}
			else {
				low = middle;
			}
		}
		return high;
	}

	private boolean probe(long heapMb) throws IOException, InterruptedException {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path log = Files.createTempFile("vector-memory-probe", ".log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
				"-cp", classpath, Probe.class.getName(), database.url(), database.user(), database.password())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("the probe with -Xmx" + heapMb + "m did not end in 10 minutes");
		}
		String output = Files.readString(log);
		Files.delete(log);
		if (process.exitValue() != 0 && !output.contains("OutOfMemoryError")) {
			throw new IllegalStateException("the probe failed otherwise than out of memory:\n" + output);
		}
		return process.exitValue() == 0;
	}

	private static String report(String started, long smallestEmpty, Map<Integer, long[]> rows) {
		StringBuilder table = new StringBuilder();
		int first = SIZES[0];
		int last = SIZES[SIZES.length - 1];
		for (Map.Entry<Integer, long[]> row : rows.entrySet()) {
			long[] values = row.getValue();
			table.append("| %,d | %,d | %.1f | %,d | %,d |\n".formatted(row.getKey(), row.getKey() / PASSAGES_PER_PAPER,
					values[0] / 1048576.0, values[0] / row.getKey(), values[1]));
		}
		double retainedPerPassage = (double) (rows.get(last)[0] - rows.get(first)[0]) / (last - first);
		double peakPerPassage = (rows.get(last)[1] - rows.get(first)[1]) * 1048576.0 / (last - first);
		return """
				# The PostgreSQL vector store's memory

				Measured %s by `VectorMemoryBenchmark` (common/vectorstore tests, tag `benchmark`; run \
				`bench/vector-memory.sh`) on %d cores, Java %s, with a real PostgreSQL and synthetic passages \
				(%d dimensions, %d to a paper: the corpus papers average 33).

				The store (what `./thoth up` uses without `THOTH_CHROMADB_URL`) keeps every passage's embedding \
				in the API's heap for the exact vector scan (`PostgresVectorStore`), and reads them all again \
				when the passages change (after every ingest or delete), while searches go on.

				- **retained**: the heap a loaded store holds (used heap after a full GC, with the store and \
				after dropping it, in the benchmark's JVM).
				- **smallest heap**: the smallest `-Xmx` (to 4 MB; Serial collector, as the services run) in \
				which a new JVM loads the store, answers a search, and loads it again after a change to the \
				passages (as the API does after every ingest) and answers again; found by bisection, each try a \
				JVM that exits on OutOfMemoryError. An empty store needs %d MB (the JVM, the JDBC driver).

				| passages | papers (at %d passages) | retained (MB) | retained per passage (bytes) | smallest heap (MB) |
				|---:|---:|---:|---:|---:|
				%s
				From %,d to %,d passages: **%.0f bytes retained per passage**, and **%.0f bytes of heap per \
				passage at the reload** (the smallest heap's growth), that is %.0f kB per paper of %d passages.
				"""
			.formatted(started, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
					DIMENSIONS, PASSAGES_PER_PAPER, smallestEmpty, PASSAGES_PER_PAPER, table, first, last,
					retainedPerPassage, peakPerPassage, peakPerPassage * PASSAGES_PER_PAPER / 1024, PASSAGES_PER_PAPER);
	}

	/**
	 * Runs in a JVM of its own: loads the store and searches, then moves the passages'
	 * version (as every write does) and searches again, which loads them again.
	 */
	static final class Probe {

		public static void main(String[] args) throws Exception {
			DriverManagerDataSource dataSource = new DriverManagerDataSource(args[0], args[1], args[2]);
			PostgresVectorStore store = new PostgresVectorStore(dataSource, "bench");
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			if (store.semantic(query(), 10, Filter.any()).isEmpty() && store.count() > 0) {
				throw new IllegalStateException("no hits");
			}
			jdbc.update("update paper_chunks_state set version = version + 1 where singleton");
			if (store.semantic(query(), 10, Filter.any()).isEmpty() && store.count() > 0) {
				throw new IllegalStateException("no hits after the reload");
			}
			System.out.println("ok");
		}

	}

}
