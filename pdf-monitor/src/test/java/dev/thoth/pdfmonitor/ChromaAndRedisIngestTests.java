package dev.thoth.pdfmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployed shape of the pipeline: chunks go to a real ChromaDB that demands its
 * token, and progress travels through a real Redis, while a second context, standing for
 * an API replica, listens to the events.
 */
class ChromaAndRedisIngestTests {

	@TempDir
	static Path workspace;

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final String collection = "pipeline-" + UUID.randomUUID();

	static ConfigurableApplicationContext monitor;

	static ConfigurableApplicationContext listener;

	static final List<PipelineEvent> heard = new CopyOnWriteArrayList<>();

	static JdbcClient jdbc;

	@BeforeAll
	static void ingestTwoPapers() throws Exception {
		Map<String, Object> settings = Map.of("THOTH_DATABASE_URL", database.url(), "THOTH_DATABASE_USER",
				database.user(), "THOTH_DATABASE_PASSWORD", database.password(), "THOTH_WORKSPACE_DIR",
				workspace.toString(), "THOTH_PDF_MONITOR_PORT", "0", "THOTH_REDIS_URL", TestServers.redisUrl(),
				"THOTH_CHROMADB_URL", TestServers.chromadbAuthUrl(), "THOTH_CHROMADB_TOKEN",
				TestServers.chromadbToken(), "thoth.vectorstore.collection", collection,
				"thoth.pdf-monitor.scan-interval", "500ms");
		// The listener does no work of its own: no workers, and its inbox is elsewhere.
		Map<String, Object> listening = new java.util.HashMap<>(settings);
		// The monitor searches what it wrote through a search index of its own.
		Map<String, Object> searching = new java.util.HashMap<>(settings);
		searching.put("thoth.search.index.enabled", "true");
		listening.put("THOTH_WORKSPACE_DIR", workspace.resolve("listener").toString());
		// Through the variable application.yml reads: builder properties rank below it.
		listening.put("THOTH_PDF_WORKERS", "0");
		listener = new SpringApplicationBuilder(PdfMonitorApplication.class).properties(listening).run();
		listener.getBean(PipelineEvents.class).subscribe(heard::add);
		monitor = new SpringApplicationBuilder(PdfMonitorApplication.class).properties(searching).run();
		jdbc = monitor.getBean(JdbcClient.class);

		for (String file : List.of("gadr.pdf", "Wang-paperAVE2008.pdf")) {
			Files.copy(Corpus.ROOT.resolve("pdfs").resolve(file), workspace.resolve("inbox").resolve(file));
		}
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> heard.stream().filter((event) -> event.kind() == PipelineEvent.Kind.FINISHED).count() == 2);
	}

	@AfterAll
	static void stop() {
		if (monitor != null) {
			monitor.close();
		}
		if (listener != null) {
			listener.close();
		}
	}

	@Test
	void progressOfEveryJobReachesTheOtherReplicaThroughRedis() {
		assertThat(listener.getBean(PipelineEvents.class).transport()).isEqualTo("redis");
		List<UUID> jobs = jdbc.sql("select id from ingest_jobs").query(UUID.class).list();
		assertThat(jobs).hasSize(2);
		for (UUID job : jobs) {
			List<PipelineEvent> events = heard.stream().filter((event) -> job.equals(event.jobId())).toList();
			assertThat(events.getFirst().kind()).isEqualTo(PipelineEvent.Kind.QUEUED);
			assertThat(events.getLast().kind()).isEqualTo(PipelineEvent.Kind.FINISHED);
			assertThat(events.getLast().status()).isEqualTo("DONE");
			UUID paper = jdbc.sql("select paper_id from ingest_jobs where id = :id")
				.param("id", job)
				.query(UUID.class)
				.single();
			assertThat(events.getLast().paperId()).isEqualTo(paper);
			assertThat(events.stream()
				.filter((event) -> event.kind() == PipelineEvent.Kind.STAGE)
				.map(PipelineEvent::stage)
				.toList()).containsSubsequence("inspect", "text", "metadata", "references", "file", "graph", "analysis",
						"note", "chunks");
			assertThat(events).filteredOn((event) -> event.kind() == PipelineEvent.Kind.STAGE)
				.allSatisfy((event) -> assertThat(event.status()).isIn("DONE", "SKIPPED"));
			// Every event from the moment the paper's row exists (it is filed) names it;
			// none before.
			int filed = events
				.indexOf(events.stream().filter((event) -> "file".equals(event.stage())).findFirst().orElseThrow());
			assertThat(events.subList(filed, events.size())).extracting(PipelineEvent::paperId).containsOnly(paper);
			assertThat(events.subList(0, filed)).extracting(PipelineEvent::paperId).containsOnlyNulls();
		}
	}

	@Test
	void chunksLiveInChromaDbAndAnswerASearch() {
		VectorStore store = monitor.getBean(VectorStore.class);
		assertThat(store.name()).containsIgnoringCase("chroma");
		UUID gadr = jdbc.sql("select id from papers where title like 'Generalized Markdown%'")
			.query(UUID.class)
			.single();
		assertThat(store.count()).isPositive();
		Embedder embedder = monitor.getBean(Embedder.class);
		assertThat(store
			.semantic(embedder.embed("how to write down why a software design choice was made"), 5, Filter.any())
			.getFirst()
			.paperId()).isEqualTo(gadr);
		// PostgreSQL holds the same passages: the source of truth the API replicas'
		// indexes follow (ChromaDB searches their vectors).
		assertThat(jdbc.sql("select count(*) from paper_chunks").query(Long.class).single()).isEqualTo(store.count());
	}

}
