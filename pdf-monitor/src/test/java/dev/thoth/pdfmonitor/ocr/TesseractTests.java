package dev.thoth.pdfmonitor.ocr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.thoth.pdfmonitor.PdfMonitorProperties;
import dev.thoth.pdfmonitor.Scans;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The real Tesseract, and stand-ins for broken installs of it. */
class TesseractTests {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@TempDir
	Path temp;

	@Test
	void theInstalledTesseractIsFoundAtStart() {
		Tesseract tesseract = Scans.installedTesseract(this.meters);
		assertThat(tesseract.available()).as(tesseract.unavailableReason()).isTrue();
		assertThat(tesseract.unavailableReason()).isNull();
	}

	@Test
	void aMissingCommandIsReportedWithHowToInstallIt() {
		Tesseract tesseract = Tesseract.detect(
				Scans.tesseract(this.temp.resolve("no-such-tesseract").toString(), Duration.ofSeconds(5)), this.meters);
		assertThat(tesseract.available()).isFalse();
		assertThat(tesseract.unavailableReason()).startsWith("OCR is not available: ")
			.contains("no-such-tesseract")
			.contains("apt-get install tesseract-ocr tesseract-ocr-eng")
			.contains("THOTH_OCR_COMMAND");
	}

	@Test
	void turnedOffItIsNotEvenLookedFor() {
		Tesseract tesseract = Tesseract
			.detect(new PdfMonitorProperties.Ocr(false, "tesseract", "eng", 300, Duration.ofSeconds(5)), this.meters);
		assertThat(tesseract.available()).isFalse();
		assertThat(tesseract.unavailableReason()).contains("OCR is turned off")
			.contains("THOTH_OCR_ENABLED=true")
			.contains("apt-get install tesseract-ocr tesseract-ocr-eng");
	}

	@Test
	void aLanguageWithoutDataNamesItsPackage() {
		Tesseract tesseract = Tesseract.detect(
				new PdfMonitorProperties.Ocr(true, "tesseract", "eng+chi_sim", 300, Duration.ofSeconds(5)),
				this.meters);
		assertThat(tesseract.available()).isFalse();
		assertThat(tesseract.unavailableReason()).contains("no data for language chi_sim")
			.contains("apt-get install tesseract-ocr-chi-sim");
	}

	@Test
	void aScannedPageIsReadWordByWordWhereItIsPrinted() throws Exception {
		Path scan = Scans.imageOnly(this.temp.resolve("scan.pdf"),
				List.of(List.of(new Scans.Line("Reading Scanned Pages", 20, 72, 100),
						new Scans.Line("Every word keeps its place on the page.", 10, 72, 140))));
		OcrPage page;
		try (PDDocument document = Loader.loadPDF(scan.toFile())) {
			page = Scans.installedTesseract(this.meters).read(document, 0);
		}
		assertThat(page.width()).isCloseTo(612f, within(1f));
		assertThat(page.height()).isCloseTo(792f, within(1f));
		assertThat(page.lines()).hasSize(2);
		List<OcrWord> title = page.lines().get(0);
		assertThat(title).extracting(OcrWord::text).containsExactly("Reading", "Scanned", "Pages");
		assertThat(title.get(0).x()).isCloseTo(72f, within(3f));
		assertThat(title.get(0).baseline()).isCloseTo(100f, within(3f));
		assertThat(title.get(0).size()).isCloseTo(20f, within(4f));
		List<OcrWord> body = page.lines().get(1);
		assertThat(body).extracting(OcrWord::text)
			.containsExactly("Every", "word", "keeps", "its", "place", "on", "the", "page.");
		assertThat(body.get(0).baseline()).isCloseTo(140f, within(3f));
		assertThat(body.get(0).size()).isCloseTo(10f, within(2f));
		assertThat(body).allSatisfy((word) -> assertThat(word.confidence()).isGreaterThan(80));
		assertThat(this.meters.counter("thoth.pdf.ocr.pages", "outcome", "read").count()).isEqualTo(1);
	}

	@Test
	void aHangingTesseractIsStoppedAtThePageTimeoutWithWhatItStarted() throws Exception {
		Path command = StandInTesseract.hanging(this.temp);
		Tesseract tesseract = Tesseract.detect(Scans.tesseract(command.toString(), Duration.ofSeconds(2)), this.meters);
		assertThat(tesseract.available()).isTrue();
		long started = System.nanoTime();
		try (PDDocument document = Loader.loadPDF(Scans.longerScan(this.temp.resolve("scan.pdf"), 1).toFile())) {
			assertThatExceptionOfType(OcrException.class).isThrownBy(() -> tesseract.read(document, 0))
				.withMessage("Tesseract did not finish within 2s and was stopped")
				.satisfies((ex) -> assertThat(ex.timedOut()).isTrue());
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		long sleeper = Long.parseLong(Files.readString(this.temp.resolve("sleeper.pid")).strip());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false));
		assertThat(this.meters.counter("thoth.pdf.ocr.pages", "outcome", "timeout").count()).isEqualTo(1);
	}

	@Test
	void aFailingTesseractReportsItsError() throws Exception {
		Tesseract tesseract = Tesseract.detect(
				Scans.tesseract(StandInTesseract.failing(this.temp).toString(), Duration.ofSeconds(10)), this.meters);
		try (PDDocument document = Loader.loadPDF(Scans.longerScan(this.temp.resolve("scan.pdf"), 1).toFile())) {
			assertThatExceptionOfType(OcrException.class).isThrownBy(() -> tesseract.read(document, 0))
				.withMessage("Tesseract exited with status 1: Error in pixReadStream: Unknown format: no pix returned")
				.satisfies((ex) -> assertThat(ex.timedOut()).isFalse());
		}
		assertThat(this.meters.counter("thoth.pdf.ocr.pages", "outcome", "failed").count()).isEqualTo(1);
	}

}
