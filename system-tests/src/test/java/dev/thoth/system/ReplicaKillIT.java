package dev.thoth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two PDF monitor processes on one inbox and one database; one is killed (SIGKILL) in the
 * middle of a job. The survivor takes the job over when its lease runs out: every paper
 * ends up in the library exactly once, and no file is lost or filed twice.
 */
class ReplicaKillIT {

	@TempDir
	static Path workspace;

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final List<Process> processes = new ArrayList<>();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	@AfterAll
	static void stop() {
		processes.forEach(Process::destroyForcibly);
	}

	@Test
	void killingAReplicaMidJobLosesNothing() throws Exception {
		Process doomed = start("a");
		Process survivor = start("b");
		awaitHealthyDatabaseSchema();
		List<String> files;
		try (Stream<Path> pdfs = Files.list(CORPUS.resolve("pdfs"))) {
			files = pdfs.map((pdf) -> pdf.getFileName().toString()).sorted().toList();
		}
		for (String file : files) {
			Path outside = workspace.resolve(file);
			Files.copy(CORPUS.resolve("pdfs").resolve(file), outside);
			Files.move(outside, workspace.resolve("inbox").resolve(file));
		}
		String doomedOwner = "/" + doomed.pid() + "/";
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> count("select count(*) from ingest_jobs where status = 'RUNNING' and lease_owner like '%"
					+ doomedOwner + "%'") > 0);
		doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> count("select count(*) from papers where status = 'READY'") == files.size()
					&& count("select count(*) from ingest_jobs where status in ('QUEUED', 'RUNNING')") == 0);
		assertThat(survivor.isAlive()).isTrue();
		assertThat(count("select count(*) from papers")).isEqualTo(files.size());
		assertThat(count("select count(distinct content_sha256) from papers")).isEqualTo(files.size());
		assertThat(count("select count(*) from ingest_jobs where status = 'FAILED'")).isZero();
		// The killed replica's job was taken over, not started afresh by a second copy.
		assertThat(count("select count(*) from ingest_jobs where attempts > 1")).isPositive();
		assertThat(listNames(workspace.resolve("papers"))).hasSize(files.size());
		assertThat(listNames(workspace.resolve("inbox"))).isEmpty();
		assertThat(listNames(workspace.resolve("quarantine"))).isEmpty();
		assertThat(listNames(workspace.resolve("notes"))).hasSize(files.size());
	}

	private static Process start(String name) throws IOException {
		Path jar = Launcher.ROOT.resolve("pdf-monitor/target/pdf-monitor-exec.jar");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-jar", jar.toString(),
				"--thoth.pdf-monitor.lease=4s", "--thoth.pdf-monitor.workers=1")
			.redirectErrorStream(true)
			.redirectOutput(workspace.resolveSibling(workspace.getFileName() + "-" + name + ".log").toFile());
		builder.environment().put("THOTH_DATABASE_URL", database.url());
		builder.environment().put("THOTH_DATABASE_USER", database.user());
		builder.environment().put("THOTH_DATABASE_PASSWORD", database.password());
		builder.environment().put("THOTH_WORKSPACE_DIR", workspace.toString());
		builder.environment().put("THOTH_PDF_MONITOR_PORT", "0");
		Process process = builder.start();
		processes.add(process);
		return process;
	}

	private static void awaitHealthyDatabaseSchema() {
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			try {
				count("select count(*) from ingest_jobs");
				return Files.isDirectory(workspace.resolve("inbox"));
			}
			catch (SQLException ex) {
				return false;
			}
		});
	}

	private static long count(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static List<String> listNames(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.map((entry) -> entry.getFileName().toString()).toList();
		}
	}

}
