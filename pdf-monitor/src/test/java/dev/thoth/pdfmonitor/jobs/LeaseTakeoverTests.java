package dev.thoth.pdfmonitor.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that died mid-job loses nothing: once its lease runs out, a live replica
 * takes the job over and finishes the paper.
 */
@SpringBootTest(properties = { "thoth.pdf-monitor.workers=1", "thoth.pdf-monitor.scan-interval=1h" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LeaseTakeoverTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void aJobLeftRunningByADeadReplicaIsFinishedByALiveOne() throws Exception {
		Corpus.Paper paper = Corpus.papers()
			.stream()
			.filter((p) -> p.file().equals("gadr.pdf"))
			.findFirst()
			.orElseThrow();
		Path inbox = workspace.resolve("inbox").resolve("gadr.pdf");
		Files.copy(paper.path(), inbox);
		UUID job = UUID.randomUUID();
		// What a replica killed in the middle of this job leaves behind.
		this.jdbc.sql("""
				insert into ingest_jobs (id, content_sha256, source_path, original_filename, status, attempts,
				    lease_owner, lease_expires_at)
				values (:id, :hash, :path, 'gadr.pdf', 'RUNNING', 1, 'killed-replica', now() + interval '2 seconds')
				""").param("id", job).param("hash", paper.sha256()).param("path", inbox.toString()).update();

		await().atMost(Duration.ofMinutes(1))
			.until(() -> "DONE".equals(this.jdbc.sql("select status from ingest_jobs where id = :id")
				.param("id", job)
				.query(String.class)
				.single()));
		assertThat(this.jdbc.sql("select attempts from ingest_jobs where id = :id")
			.param("id", job)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select status from papers where content_sha256 = :hash")
			.param("hash", paper.sha256())
			.query(String.class)
			.single()).isEqualTo("READY");
		assertThat(this.meters.counter("thoth.pdf.lease.takeovers").count()).isEqualTo(1.0);
		assertThat(inbox).doesNotExist();
	}

}
