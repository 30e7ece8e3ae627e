package dev.thoth.pdfmonitor.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue several replicas share, on a real PostgreSQL. */
@SpringBootTest(properties = { "thoth.pdf-monitor.workers=0", "thoth.pdf-monitor.scan-interval=1h" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class JobQueueTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-queue-ws");
	}

	@Autowired
	JobQueue queue;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSameContentIsQueuedOnceWhileActive() {
		String hash = TestHashes.random();
		assertThat(this.queue.enqueue(hash, "/inbox/a.pdf", "a.pdf")).isTrue();
		assertThat(this.queue.enqueue(hash, "/inbox/copy.pdf", "copy.pdf")).isFalse();
	}

	@Test
	void concurrentClaimersNeverTakeTheSameJob() throws Exception {
		this.jdbc.sql("delete from ingest_jobs").update();
		int jobs = 60;
		for (int i = 0; i < jobs; i++) {
			this.queue.enqueue(TestHashes.random(), "/inbox/" + i + ".pdf", i + ".pdf");
		}
		Set<UUID> claimed = ConcurrentHashMap.newKeySet();
		List<Callable<Integer>> replicas = new ArrayList<>();
		for (int replica = 0; replica < 4; replica++) {
			String owner = "replica-" + replica;
			replicas.add(() -> {
				int mine = 0;
				for (Optional<ClaimedJob> job = this.queue.claim(owner, Duration.ofMinutes(1)); job
					.isPresent(); job = this.queue.claim(owner, Duration.ofMinutes(1))) {
					assertThat(claimed.add(job.get().id())).as("claimed twice: " + job.get().id()).isTrue();
					assertThat(this.queue.finish(job.get().id(), owner, "DONE", null, null)).isTrue();
					mine++;
				}
				return mine;
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		int total = 0;
		for (Future<Integer> done : pool.invokeAll(replicas)) {
			total += done.get();
		}
		pool.shutdown();
		assertThat(total).isEqualTo(jobs);
		assertThat(claimed).hasSize(jobs);
	}

	@Test
	void aJobWhoseLeaseRanOutIsTakenOverAndTheOldOwnerCannotFinishIt() throws Exception {
		this.jdbc.sql("delete from ingest_jobs").update();
		this.queue.enqueue(TestHashes.random(), "/inbox/slow.pdf", "slow.pdf");
		ClaimedJob first = this.queue.claim("dead-replica", Duration.ofSeconds(1)).orElseThrow();
		assertThat(first.takenOver()).isFalse();
		assertThat(this.queue.claim("live-replica", Duration.ofMinutes(1))).isEmpty();

		Thread.sleep(1500);
		ClaimedJob second = this.queue.claim("live-replica", Duration.ofMinutes(1)).orElseThrow();
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.takenOver()).isTrue();
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(this.queue.finish(first.id(), "dead-replica", "DONE", null, null)).isFalse();
		assertThat(this.queue.renew(first.id(), "dead-replica", Duration.ofMinutes(1))).isFalse();
		assertThat(this.queue.finish(second.id(), "live-replica", "DONE", null, null)).isTrue();
	}

	@Test
	void aFinishedJobCarriesItsDiscoveryOriginToItsPaperOnce() {
		this.jdbc.sql("delete from ingest_jobs").update();
		String hash = TestHashes.random();
		UUID paper = UUID.randomUUID();
		this.jdbc.sql("insert into papers (id, content_sha256, status) values (:id, :hash, 'READY')")
			.param("id", paper)
			.param("hash", hash)
			.update();
		String origin = "{\"resultId\": \"" + UUID.randomUUID() + "\", \"sources\": [\"arxiv\"]}";
		this.jdbc.sql("""
				insert into ingest_jobs (id, content_sha256, source_path, status, origin)
				values (:id, :hash, '/inbox/found.pdf', 'QUEUED', cast(:origin as jsonb))
				""").param("id", UUID.randomUUID()).param("hash", hash).param("origin", origin).update();
		ClaimedJob job = this.queue.claim("replica", Duration.ofMinutes(1)).orElseThrow();
		assertThat(this.queue.finish(job.id(), "replica", "DONE", paper, null)).isTrue();
		String carried = this.jdbc.sql("select cast(discovery_origin as text) from papers where id = :id")
			.param("id", paper)
			.query(String.class)
			.single();
		assertThat(carried).contains("\"sources\": [\"arxiv\"]").contains("resultId");

		// A later job for the same paper (a duplicate upload) keeps the first origin.
		this.jdbc
			.sql("""
					insert into ingest_jobs (id, content_sha256, source_path, status, origin)
					values (:id, :hash, '/inbox/again.pdf', 'QUEUED', '{"resultId": "00000000-0000-0000-0000-000000000001"}')
					""")
			.param("id", UUID.randomUUID())
			.param("hash", hash)
			.update();
		ClaimedJob again = this.queue.claim("replica", Duration.ofMinutes(1)).orElseThrow();
		assertThat(this.queue.finish(again.id(), "replica", "DONE", paper, null)).isTrue();
		assertThat(this.jdbc.sql("select cast(discovery_origin as text) from papers where id = :id")
			.param("id", paper)
			.query(String.class)
			.single()).isEqualTo(carried);
	}

}
