package dev.thoth.vectorstore.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.PostgresChunks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An index closed while it builds (a replica stopped during its first build or a rebuild,
 * a test context closed): its build threads are stopped and gone when {@code close()}
 * returns, nothing is thrown on any thread (with assertions on, Lucene checks its
 * writer's accounting when a writer is rolled back: a rollback while other threads still
 * add once failed the API's tests), and the next start finds a complete index.
 */
@SpringBootTest(classes = dev.thoth.vectorstore.VectorStoreTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexCloseTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PAPERS = 50;

	static final int PASSAGES_PER_PAPER = 40;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	Embedder embedder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@TempDir
	Path scratch;

	@BeforeAll
	void fillTheLibrary() {
		PostgresChunks chunks = new PostgresChunks(this.dataSource, Embedder.MODEL_NAME);
		Random random = new Random(11);
		for (int paper = 0; paper < PAPERS; paper++) {
			UUID id = UUID.randomUUID();
			this.jdbc.update("insert into papers (id, content_sha256, status) values (?, ?, 'READY')", id,
					(id.toString().replace("-", "") + "2".repeat(32)).substring(0, 64));
			chunks.replace(id, randomChunks(id, random));
		}
	}

	@RepeatedTest(3)
	void closingDuringTheFirstBuildStopsItsThreadsAndThrowsNowhere(RepetitionInfo repetition) throws Throwable {
		Path directory = this.scratch.resolve("closed-while-building-" + repetition.getCurrentRepetition());
		closeDuringABuild(directory, false);
		assertReopensWithEveryPassage(directory);
	}

	@Test
	void closingDuringARebuildKeepsTheIndexInUseAndThrowsNowhere() throws Throwable {
		Path directory = this.scratch.resolve("closed-while-rebuilding");
		String inUse;
		try (SearchIndex first = newIndex(directory)) {
			first.start();
			first.awaitReady(Duration.ofSeconds(120));
			inUse = first.status().path();
		}
		closeDuringABuild(directory, true);
		assertThat(directory.resolve("slot-1").resolve(Files.readString(directory.resolve("slot-1/current")).strip()))
			.as("the index in use stays current")
			.isEqualTo(Path.of(inUse));
		assertReopensWithEveryPassage(directory);
	}

	@Test
	void closingWhileTheLibraryIsStillBeingReadStopsTheWorkersMidBuild() throws Throwable {
		// The reader holds still after two batches (the workers have them) until close()
		// is waiting for it: the build then stops with passages queued and being added.
		CountDownLatch twoBatchesRead = new CountDownLatch(1);
		CountDownLatch goOn = new CountDownLatch(1);
		ChunkFeed holding = new ChunkFeed(this.dataSource) {
			@Override
			public long everything(boolean vectors, int batchSize, Consumer<List<IndexedChunk>> batches) {
				AtomicInteger read = new AtomicInteger();
				return super.everything(vectors, batchSize, (batch) -> {
					batches.accept(batch);
					if (read.incrementAndGet() == 2) {
						twoBatchesRead.countDown();
						try {
							goOn.await(60, TimeUnit.SECONDS);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}
				});
			}
		};
		Path directory = this.scratch.resolve("closed-while-reading");
		assertNothingLeftRunningOrThrown(() -> {
			try {
				SearchIndex index = SearchIndexTests.newIndex(holding, this.embedder, directory, 2);
				index.start();
				assertThat(twoBatchesRead.await(60, TimeUnit.SECONDS)).as("the build read two batches").isTrue();
				Thread closing = Thread.ofPlatform().name("closing").start(index::close);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> closing.getState() == Thread.State.TIMED_WAITING || !closing.isAlive());
				goOn.countDown();
				closing.join(Duration.ofSeconds(60));
				assertThat(closing.isAlive()).as("close() returned").isFalse();
			}
			finally {
				goOn.countDown();
			}
		});
		// The slot was released: the next index takes it, and builds every passage.
		try (SearchIndex reopened = newIndex(directory)) {
			reopened.start();
			reopened.awaitReady(Duration.ofSeconds(120));
			assertThat(reopened.status().path()).contains("slot-1");
			assertThat(reopened.status().passages()).isEqualTo((long) PAPERS * PASSAGES_PER_PAPER);
		}
	}

	@Test
	void aBuildWhoseReadingFailsMidwayFailsNamingTheCauseAndLeavesNothingRunning() throws Throwable {
		// The library's reader fails after its first batch, as a dropped connection to
		// PostgreSQL would, while build workers are adding that batch. The status names
		// the cause, not merely that the build stopped.
		ChunkFeed failing = new ChunkFeed(this.dataSource) {
			@Override
			public long everything(boolean vectors, int batchSize, Consumer<List<IndexedChunk>> batches) {
				AtomicInteger read = new AtomicInteger();
				return super.everything(vectors, batchSize, (batch) -> {
					if (read.incrementAndGet() == 2) {
						throw new IllegalStateException("the library could not be read: connection reset");
					}
					batches.accept(batch);
				});
			}
		};
		assertNothingLeftRunningOrThrown(() -> {
			try (SearchIndex index = SearchIndexTests.newIndex(failing, this.embedder,
					this.scratch.resolve("failing-read"), 2)) {
				index.start();
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(index.status().failure()).as("the build's failure")
						.contains("connection reset"));
				assertThat(index.status().passages()).as("no partial index published").isZero();
			}
		});
	}

	/**
	 * Starts an index in the directory, closes it once its build (a rebuild asked for, or
	 * its first) has added passages, and checks what the close left behind.
	 */
	private void closeDuringABuild(Path directory, boolean rebuild) throws Throwable {
		assertNothingLeftRunningOrThrown(() -> {
			SearchIndex index = newIndex(directory);
			index.start();
			if (rebuild) {
				index.awaitReady(Duration.ofSeconds(60));
				index.requestRebuild();
			}
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
				SearchIndex.BuildStatus build = index.status().build();
				return build != null && build.done() > 0;
			});
			index.close();
		});
	}

	/**
	 * Runs the closing with what any thread throws recorded; then no thread of the index
	 * it started is left running, and nothing was thrown.
	 */
	private static void assertNothingLeftRunningOrThrown(Executable closing) throws Throwable {
		List<Throwable> uncaught = new CopyOnWriteArrayList<>();
		Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> uncaught.add(ex));
		try {
			Set<Thread> existing = Thread.getAllStackTraces().keySet();
			closing.execute();
			assertThat(threadsStartedSince(existing)).as("threads of the closed index still running").isEmpty();
			assertThat(uncaught).as("thrown on a thread of the closed index").isEmpty();
		}
		finally {
			Thread.setDefaultUncaughtExceptionHandler(before);
		}
	}

	private void assertReopensWithEveryPassage(Path directory) {
		try (SearchIndex reopened = newIndex(directory)) {
			reopened.start();
			reopened.awaitReady(Duration.ofSeconds(120));
			assertThat(reopened.status().passages()).isEqualTo((long) PAPERS * PASSAGES_PER_PAPER);
		}
	}

	private static List<String> threadsStartedSince(Set<Thread> existing) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !existing.contains(thread) && thread.getName().startsWith("search-index"))
			.map(Thread::getName)
			.toList();
	}

	private SearchIndex newIndex(Path directory) {
		return SearchIndexTests.newIndex(this.dataSource, this.embedder, directory, 2);
	}

	private static List<EmbeddedChunk> randomChunks(UUID paperId, Random random) {
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < PASSAGES_PER_PAPER; i++) {
			float[] vector = new float[Embedder.DIMENSIONS];
			for (int d = 0; d < vector.length; d++) {
				vector[d] = (float) random.nextGaussian();
			}
			chunks.add(new EmbeddedChunk(new Chunk(Chunk.idFor(paperId, i), paperId, i, 1, null,
					"passage " + i + " of " + paperId + " on stomata, carbon and night"), vector));
		}
		return chunks;
	}

}
