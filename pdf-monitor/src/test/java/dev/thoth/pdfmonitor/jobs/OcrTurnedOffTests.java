package dev.thoth.pdfmonitor.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.inspection.Quarantine;
import dev.thoth.pdfmonitor.inspection.QuarantineReason;
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
 * With OCR turned off (THOTH_OCR_ENABLED=false), a scan is quarantined, and its reason
 * says how to have it read.
 */
@SpringBootTest(
		properties = { "THOTH_OCR_ENABLED=false", "thoth.pdf-monitor.workers=1",
				"thoth.pdf-monitor.scan-interval=500ms", "thoth.pdf-monitor.stable-for=300ms" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OcrTurnedOffTests {

	static final String SCAN = "scanned-image-only-ZFN-A-054-0304-0272.pdf";

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
	void aScanIsQuarantinedWithWhatToDo() throws Exception {
		// Every reason is counted from 0 before any file is quarantined, so that the
		// first
		// one shows as an increase in Prometheus.
		assertThat(this.meters.find("thoth.pdf.quarantined").counters())
			.extracting((counter) -> counter.getId().getTag("reason"))
			.containsAll(Arrays.stream(QuarantineReason.values()).map(QuarantineReason::code).toList())
			.contains(Quarantine.PROCESSING_FAILED);
		assertThat(this.meters.counter("thoth.pdf.quarantined", "reason", "no_text").count()).isZero();
		Files.copy(Corpus.bad(SCAN), workspace.resolve("inbox").resolve(SCAN));
		await().atMost(Duration.ofMinutes(1))
			.until(() -> "QUARANTINED"
				.equals(this.jdbc.sql("select status from ingest_jobs where original_filename = :name")
					.param("name", SCAN)
					.query(String.class)
					.optional()
					.orElse(null)));
		Path held = workspace.resolve("quarantine").resolve(SCAN);
		assertThat(Files.mismatch(held, Corpus.bad(SCAN))).isEqualTo(-1L);
		String explanation = "no extractable text: the pages are images without a text layer (no text layer on any "
				+ "of 2 pages, and OCR is turned off: set THOTH_OCR_ENABLED=true, with Tesseract installed "
				+ "(apt-get install tesseract-ocr tesseract-ocr-eng))";
		assertThat(Files.readString(workspace.resolve("quarantine").resolve(SCAN + ".reason.txt")))
			.contains("reason: no_text")
			.contains("detail: " + explanation);
		assertThat(this.jdbc.sql("""
				select s.error from job_stages s join ingest_jobs j on j.id = s.job_id
				where j.original_filename = :name and s.stage = 'text' and s.status = 'REJECTED'
				""").param("name", SCAN).query(String.class).single()).isEqualTo(explanation);
		assertThat(this.jdbc.sql("select count(*) from papers").query(Long.class).single()).isZero();
		assertThat(this.meters.counter("thoth.pdf.quarantined", "reason", "no_text").count()).isEqualTo(1);
		assertThat(this.meters.find("thoth.pdf.ocr.pages").counters()).isEmpty();
	}

}
