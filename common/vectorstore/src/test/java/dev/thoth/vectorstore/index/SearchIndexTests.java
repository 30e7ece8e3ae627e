package dev.thoth.vectorstore.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.PostgresChunks;
import dev.thoth.vectorstore.SearchQuery;
import dev.thoth.vectorstore.TestChunks;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The index as derived data: rebuilt online with the same results, rebuilt when it is
 * corrupt or of another layout, and usable after its writer is killed mid-work.
 */
@SpringBootTest(classes = dev.thoth.vectorstore.VectorStoreTestApplication.class,
		properties = "thoth.search.index.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final List<String> QUERIES = List.of("chloroplasts sunlight", "Roman empire invasions", "butter dough",
			"attention tokens", "\"carbon dioxide\" -butter", "optimizer year:2017");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	VectorStore store;

	@Autowired
	SearchIndex index;

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
		List<String> texts = List.of(
				"Photosynthesis in the chloroplasts of plant cells converts sunlight, water and carbon dioxide into glucose.",
				"The Western Roman Empire collapsed in the fifth century after repeated invasions by Germanic tribes.",
				"Our bakery recipe folds butter into the dough several times to obtain flaky croissants.",
				"Transformers rely on self-attention to relate every token of a sequence to every other token.",
				"We train with the Adam optimizer and a learning-rate schedule that warms up linearly.");
		for (int paper = 0; paper < 8; paper++) {
			UUID id = UUID.randomUUID();
			this.jdbc.update(
					"insert into papers (id, content_sha256, status, title, year) values (?, ?, 'READY', ?, ?)", id,
					(id.toString().replace("-", "") + "0".repeat(32)).substring(0, 64), "Paper " + paper, 2015 + paper);
			List<String> own = new ArrayList<>();
			for (int i = 0; i < texts.size(); i++) {
				own.add(texts.get((i + paper) % texts.size()) + " Variant " + paper + ".");
			}
			this.store.replace(id, embedded(id, own));
		}
	}

	@Test
	void aRebuildGivesTheSameResultsAndSearchAnswersMeanwhile() {
		List<List<Hit>> before = results();
		String folder = this.index.status().path();
		this.index.requestRebuild();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			// Searches keep answering while the new index is built.
			assertThat(this.store.lexical("dough", 3, Filter.any())).isNotEmpty();
			assertThat(this.index.status().path()).isNotEqualTo(folder);
			assertThat(this.index.status().state()).isEqualTo("ready");
		});
		List<List<Hit>> after = results();
		for (int i = 0; i < QUERIES.size(); i++) {
			assertThat(ids(after.get(i))).as(QUERIES.get(i)).isEqualTo(ids(before.get(i)));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.exists(Path.of(folder))).as("the old index is removed").isFalse());
	}

	@Test
	void twoRebuildsInARowLeaveTheCurrentIndexInPlace() {
		String first = this.index.status().path();
		String second = rebuiltFrom(first);
		String third = rebuiltFrom(second);
		// Both retired indexes go after their grace period, the current one stays (the
		// first one's clean-up once took every folder but the second's).
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !Files.exists(Path.of(first)) && !Files.exists(Path.of(second)));
		assertThat(Path.of(third)).isDirectory();
		assertThat(this.index.status().path()).isEqualTo(third);
		assertThat(this.store.lexical("dough", 3, Filter.any())).isNotEmpty();
	}

	private String rebuiltFrom(String folder) {
		this.index.requestRebuild();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !this.index.status().path().equals(folder) && "ready".equals(this.index.status().state()));
		return this.index.status().path();
	}

	@Test
	void aCorruptIndexOrOneOfAnotherLayoutIsBuiltAgainFromPostgres() throws IOException {
		Path directory = this.scratch.resolve("corrupt");
		String folder;
		try (SearchIndex first = newIndex(directory)) {
			first.start();
			first.awaitReady(Duration.ofSeconds(60));
			folder = first.status().path();
		}
		// Every file of the index overwritten with garbage.
		try (Stream<Path> files = Files.list(Path.of(folder))) {
			for (Path file : files.filter((f) -> !f.getFileName().toString().equals("write.lock")).toList()) {
				Files.write(file, "not an index".getBytes(StandardCharsets.UTF_8));
			}
		}
		try (SearchIndex second = newIndex(directory)) {
			second.start();
			second.awaitReady(Duration.ofSeconds(60));
			assertThat(second.status().path()).isNotEqualTo(folder);
			assertThat(second.status().passages()).isEqualTo(passagesInPostgres());
			assertThat(second.index().lexical(SearchQuery.parse("croissants"), 3, Filter.any())).isNotEmpty();
			folder = second.status().path();
		}
		// An index built without vectors (the ChromaDB layout) is not used for this one.
		Files.writeString(directory.resolve("slot-1/current"), "index-words");
		try (LuceneChunkIndex words = LuceneChunkIndex.create(directory.resolve("slot-1/index-words"),
				new LuceneChunkIndex.Layout(false, 0, ""), this.index.index().generation(), 0)) {
			words.commit();
		}
		try (SearchIndex third = newIndex(directory)) {
			third.start();
			third.awaitReady(Duration.ofSeconds(60));
			assertThat(third.status().path()).doesNotContain("index-words");
			assertThat(third.status().passages()).isEqualTo(passagesInPostgres());
		}
	}

	@Test
	void aPassageWhoseVectorTheIndexCannotTakeIsFoundByItsWordsAndTheLibraryStaysSearchable() {
		// A vector of the wrong length (a paper embedded by another model, or a bad
		// write) once failed every build, and stopped the index following PostgreSQL.
		UUID paper = UUID.randomUUID();
		this.jdbc.update("insert into papers (id, content_sha256, status, title, year) values (?, ?, 'READY', ?, ?)",
				paper, "4".repeat(64), "Aperiodic order", 2020);
		UUID shortVector = Chunk.idFor(paper, 0);
		String quasicrystals = "Quasicrystals diffract electrons with a tenfold symmetry that no periodic crystal allows.";
		EmbeddedChunk sibling = new EmbeddedChunk(new Chunk(Chunk.idFor(paper, 1), paper, 1, 2, null, quasicrystals),
				this.embedder.embed(quasicrystals));
		new PostgresChunks(this.dataSource, Embedder.MODEL_NAME).replace(paper,
				List.of(new EmbeddedChunk(
						new Chunk(shortVector, paper, 0, 1, null,
								"Penrose tilings cover the plane without translational symmetry."),
						new float[] { 1, 0, 0 }), sibling));
		try {
			// Followed: the change is applied, not retried for ever.
			this.index.catchUp(Duration.ofSeconds(30));
			SearchIndex.Status status = this.index.status();
			assertThat(status.seq()).isEqualTo(status.headSeq());
			assertThat(status.passagesWithoutVector()).isEqualTo(1);
			assertThat(ids(this.store.lexical(SearchQuery.parse("penrose tilings"), 10, Filter.any())))
				.contains(shortVector);
			List<Hit> byMeaning = this.store.semantic(this.embedder.embed("Penrose tilings quasicrystals"), 10,
					Filter.papers(paper));
			assertThat(ids(byMeaning)).doesNotContain(shortVector).contains(sibling.chunk().id());
			assertThat(this.store.semantic(this.embedder.embed("chloroplasts sunlight"), 3, Filter.any())).isNotEmpty();
			// Built: a new index from PostgreSQL takes it too.
			try (SearchIndex built = newIndex(this.scratch.resolve("passage-without-vector"))) {
				built.start();
				// Built for the rebuild the class's other tests asked for, then ready.
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(built.status().state()).isEqualTo("ready"));
				assertThat(built.status().passages()).isEqualTo(passagesInPostgres());
				assertThat(built.status().passagesWithoutVector()).isEqualTo(1);
				assertThat(ids(built.index().lexical(SearchQuery.parse("penrose"), 3, Filter.any())))
					.contains(shortVector);
			}
		}
		finally {
			this.jdbc.update("delete from papers where id = ?", paper);
		}
		this.index.catchUp(Duration.ofSeconds(30));
		assertThat(this.index.status().passagesWithoutVector()).isZero();
	}

	@Test
	void killingTheWriterInTheMiddleOfItsWorkLeavesAUsableIndex() throws Exception {
		Path directory = this.scratch.resolve("killed");
		PostgresChunks writer = new PostgresChunks(this.dataSource, Embedder.MODEL_NAME);
		Random random = new Random(7);
		for (int round = 0; round < 3; round++) {
			Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), IndexFollowerProcess.class.getName(), database.url(),
					database.user(), database.password(), directory.toString())
				.redirectErrorStream(true)
				.start();
			try {
				BufferedReader output = new BufferedReader(
						new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
				String line;
				while ((line = output.readLine()) != null && !line.startsWith("following ")) {
					// start-up log
				}
				assertThat(line).as("the follower started").isNotNull();
				// Papers written while it follows, committing after each change: it is
				// killed (SIGKILL) while it applies and commits them.
				Thread writes = Thread.ofVirtual().start(() -> {
					for (int i = 0; i < 40 && !Thread.currentThread().isInterrupted(); i++) {
						UUID paper = UUID.randomUUID();
						this.jdbc.update("insert into papers (id, content_sha256, status) values (?, ?, 'READY')",
								paper, (paper.toString().replace("-", "") + "1".repeat(32)).substring(0, 64));
						writer.replace(paper, randomChunks(paper, random));
					}
				});
				Thread.sleep(300 + random.nextInt(400));
				child.destroyForcibly();
				assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
				writes.join();
			}
			finally {
				child.destroyForcibly();
			}
		}
		String killedFolder = Files.readString(directory.resolve("slot-1/current")).strip();
		try (SearchIndex reopened = newIndex(directory)) {
			reopened.start();
			reopened.awaitReady(Duration.ofSeconds(60));
			reopened.catchUp(Duration.ofSeconds(60));
			// The killed writer's index opened (not rebuilt) and caught up.
			assertThat(Path.of(reopened.status().path()).getFileName().toString()).isEqualTo(killedFolder);
			assertThat(reopened.status().passages()).isEqualTo(passagesInPostgres());
			assertThat(reopened.status().seq()).isEqualTo(reopened.status().headSeq());
		}
	}

	private SearchIndex newIndex(Path directory) {
		return newIndex(this.dataSource, this.embedder, directory, 1);
	}

	/** An index of the database in the directory, following it every 50 ms. */
	static SearchIndex newIndex(DataSource dataSource, Embedder embedder, Path directory, int buildThreads) {
		return newIndex(new ChunkFeed(dataSource), embedder, directory, buildThreads);
	}

	/** An index of what the feed gives in the directory, following it every 50 ms. */
	static SearchIndex newIndex(ChunkFeed feed, Embedder embedder, Path directory, int buildThreads) {
		return new SearchIndex(feed,
				new SearchIndex.Settings(directory, Duration.ofMillis(50), Duration.ZERO, Duration.ofDays(7),
						buildThreads),
				new LuceneChunkIndex.Layout(true, Embedder.DIMENSIONS, embedder.modelName()), (progress) -> {
				});
	}

	private long passagesInPostgres() {
		return this.jdbc.queryForObject("select count(*) from paper_chunks", Long.class);
	}

	private List<List<Hit>> results() {
		List<List<Hit>> results = new ArrayList<>();
		for (String text : QUERIES) {
			SearchQuery query = SearchQuery.parse(text);
			results.add(this.store.lexical(query, 10, Filter.any()));
			results.add(this.store.semantic(this.embedder.embed(query.meaning()), 10, Filter.any().and(query)));
		}
		return results;
	}

	private static List<UUID> ids(List<Hit> hits) {
		return hits.stream().map(Hit::chunkId).toList();
	}

	private List<EmbeddedChunk> embedded(UUID paperId, List<String> texts) {
		return TestChunks.embedded(this.embedder, paperId, texts);
	}

	private static List<EmbeddedChunk> randomChunks(UUID paperId, Random random) {
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			float[] vector = new float[Embedder.DIMENSIONS];
			for (int d = 0; d < vector.length; d++) {
				vector[d] = (float) random.nextGaussian();
			}
			chunks.add(new EmbeddedChunk(
					new Chunk(Chunk.idFor(paperId, i), paperId, i, 1, null, "passage " + i + " of " + paperId),
					vector));
		}
		return chunks;
	}

}
