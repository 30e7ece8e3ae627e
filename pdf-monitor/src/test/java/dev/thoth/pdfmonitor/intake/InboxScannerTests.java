package dev.thoth.pdfmonitor.intake;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.PdfMonitorApplication;
import dev.thoth.testsupport.TestServers;
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
 * What the inbox takes and when: a file still being written waits until it stops
 * changing, a file moved in whole is taken at once, and partial downloads and hidden
 * files are left alone. No workers run, so queued jobs stay visible.
 */
class InboxScannerTests {

	@TempDir
	static Path workspace;

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static ConfigurableApplicationContext monitor;

	static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		monitor = new SpringApplicationBuilder(PdfMonitorApplication.class).properties(Map.of("THOTH_DATABASE_URL",
				database.url(), "THOTH_DATABASE_USER", database.user(), "THOTH_DATABASE_PASSWORD", database.password(),
				"THOTH_WORKSPACE_DIR", workspace.toString(), "THOTH_PDF_MONITOR_PORT", "0", "THOTH_PDF_WORKERS", "0",
				"thoth.pdf-monitor.stable-for", "1s", "thoth.pdf-monitor.scan-interval", "500ms"))
			.run();
		jdbc = monitor.getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		monitor.close();
	}

	@Test
	void aFileStillBeingWrittenIsTakenOnlyOnceItStopsChangingWithItsFinalContent() throws Exception {
		byte[] pdf = Files.readAllBytes(Corpus.ROOT.resolve("pdfs/gadr.pdf"));
		Path growing = workspace.resolve("inbox/growing.pdf");
		int piece = pdf.length / 8;
		try (OutputStream output = Files.newOutputStream(growing)) {
			for (int offset = 0; offset < pdf.length; offset += piece) {
				output.write(pdf, offset, Math.min(piece, pdf.length - offset));
				output.flush();
				Thread.sleep(400);
				assertThat(jobsFor("growing.pdf")).as("queued while still growing").isEmpty();
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> !jobsFor("growing.pdf").isEmpty());
		assertThat(jobsFor("growing.pdf")).containsExactly(InboxScanner.sha256(growing));
		// Builder properties are defaults, below application.yml: workers are turned off
		// through the variable it reads, or one would take the file away meanwhile.
		assertThat(jdbc.sql("select status from ingest_jobs where original_filename = 'growing.pdf'")
			.query(String.class)
			.single()).isEqualTo("QUEUED");
	}

	@Test
	void aFileMovedInWholeIsTaken() throws Exception {
		Path outside = workspace.resolve("moved.pdf");
		Files.copy(Corpus.ROOT.resolve("pdfs/sample.pdf"), outside);
		Files.setLastModifiedTime(outside, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Files.move(outside, workspace.resolve("inbox/moved.pdf"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !jobsFor("moved.pdf").isEmpty());
	}

	@Test
	void partialDownloadsAndHiddenFilesAreLeftAlone() throws Exception {
		for (String name : List.of("paper.pdf.part", "paper.pdf.crdownload", ".hidden.pdf")) {
			Files.copy(Corpus.ROOT.resolve("pdfs/Wang-paperAVE2008.pdf"), workspace.resolve("inbox").resolve(name));
		}
		Files.copy(Corpus.ROOT.resolve("pdfs/ZFN-A-054-0304-0272.pdf"), workspace.resolve("inbox/visible.pdf"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !jobsFor("visible.pdf").isEmpty());
		assertThat(jobsFor("paper.pdf.part")).isEmpty();
		assertThat(jobsFor("paper.pdf.crdownload")).isEmpty();
		assertThat(jobsFor(".hidden.pdf")).isEmpty();
	}

	private static List<String> jobsFor(String name) {
		return jdbc.sql("select content_sha256 from ingest_jobs where original_filename = :name")
			.param("name", name)
			.query(String.class)
			.list();
	}

}
