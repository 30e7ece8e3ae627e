package dev.thoth.pdfmonitor.inspection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.PdfMonitorProperties;
import dev.thoth.pdfmonitor.Scans;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.MetadataExtractor;
import dev.thoth.pdfmonitor.extraction.TextExtractor;
import dev.thoth.pdfmonitor.ocr.StandInTesseract;
import dev.thoth.pdfmonitor.ocr.Tesseract;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class PdfInspectorTests {

	private static final Path SCAN = Corpus.bad("scanned-image-only-ZFN-A-054-0304-0272.pdf");

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final PdfInspector inspector = inspector(Scans.installedTesseract(this.meters));

	@TempDir
	Path temp;

	static java.util.List<Corpus.Paper> papers() {
		return Corpus.papers();
	}

	@ParameterizedTest
	@MethodSource("papers")
	void everyCorpusPaperIsReadableWithItsPageCount(Corpus.Paper paper) throws Exception {
		Inspection inspection = this.inspector.inspect(paper.path());
		assertThat(inspection).isInstanceOfSatisfying(Inspection.Readable.class,
				(readable) -> assertThat(readable.pageCount()).isEqualTo(paper.pages()));
	}

	@Test
	void anEmptyFileIsRejectedAsEmpty() throws Exception {
		assertThat(reason(Corpus.bad("empty.pdf"))).isEqualTo(QuarantineReason.EMPTY);
	}

	@Test
	void textWithAPdfNameIsNotAPdf() throws Exception {
		assertThat(reason(Corpus.bad("notpdf.pdf"))).isEqualTo(QuarantineReason.NOT_PDF);
	}

	@Test
	void aTruncatedPdfIsRejectedAsTruncated() throws Exception {
		assertThat(reason(Corpus.bad("truncated-0807.3577.pdf"))).isEqualTo(QuarantineReason.TRUNCATED);
	}

	@Test
	void aScanIsReadByOcrWithItsMetadata() throws Exception {
		Corpus.Truth truth = Corpus.truths()
			.stream()
			.filter((paper) -> paper.file().equals("ZFN-A-054-0304-0272.pdf"))
			.findFirst()
			.orElseThrow();
		Inspection inspection = this.inspector.inspect(SCAN);
		assertThat(inspection).isInstanceOf(Inspection.Readable.class);
		Inspection.Readable readable = (Inspection.Readable) inspection;
		assertThat(readable.pageCount()).isEqualTo(truth.pages()).isEqualTo(2);
		assertThat(readable.textNote()).isEqualTo("OCR on 2 of 2 pages");
		assertThat(readable.text().ocrPages()).containsExactlyInAnyOrder(1, 2);
		assertThat(words(readable.text().pages().get(0).text())).contains("exact", "solitary", "wave", "solutions",
				"fifth", "order", "shallow", "symbolic", "computation", "tanh", "typed", "method");
		assertThat(words(readable.text().pages().get(1).text())).contains("kink", "solitary", "acknowledgement",
				"kichenassamy", "nonlinearity");
		ExtractedMetadata metadata = readable.metadata();
		assertThat(comparable(metadata.title())).isEqualTo(comparable(truth.title()));
		assertThat(metadata.authors()).isEqualTo(truth.authors());
		assertThat(metadata.year()).isEqualTo(truth.year());
		assertThat(metadata.venue()).isEqualTo(truth.venue());
		// OCR reads "for the" as "forthe", but every letter is right.
		assertThat(comparable(metadata.abstractFirstSentence()).replace(" ", ""))
			.isEqualTo(comparable(truth.abstractFirstSentence()).replace(" ", ""));
		assertThat(metadata.sources().get(ExtractedMetadata.TITLE).source()).isEqualTo("ocr");
		assertThat(metadata.sources().values()).allSatisfy((source) -> {
			assertThat(source.source()).isEqualTo("ocr");
			assertThat(source.confidence()).isLessThanOrEqualTo(0.8);
		});
		assertThat(this.meters.counter("thoth.pdf.ocr.pages", "outcome", "read").count()).isEqualTo(2);
	}

	@Test
	void withOcrTurnedOffAScanIsQuarantinedWithWhatToDo() throws Exception {
		PdfInspector withoutOcr = inspector(Tesseract
			.detect(new PdfMonitorProperties.Ocr(false, "tesseract", "eng", 300, Duration.ofSeconds(60)), this.meters));
		assertThat(explanation(withoutOcr, SCAN)).isEqualTo("no extractable text: the pages are images without a "
				+ "text layer (no text layer on any of 2 pages, and OCR is turned off: set THOTH_OCR_ENABLED=true, "
				+ "with Tesseract installed (apt-get install tesseract-ocr tesseract-ocr-eng))");
	}

	@Test
	void withoutTesseractAScanIsQuarantinedWithHowToInstallIt() throws Exception {
		PdfInspector withoutOcr = inspector(Tesseract.detect(
				Scans.tesseract(this.temp.resolve("missing/tesseract").toString(), Duration.ofSeconds(60)),
				this.meters));
		assertThat(explanation(withoutOcr, SCAN))
			.startsWith("no extractable text: the pages are images without a "
					+ "text layer (no text layer on any of 2 pages, and OCR is not available: ")
			.contains("install Tesseract (apt-get install tesseract-ocr tesseract-ocr-eng)");
	}

	@Test
	void aHangingTesseractEndsInQuarantineAfterTwoPagesInARow() throws Exception {
		PdfInspector stuck = inspector(Tesseract.detect(
				Scans.tesseract(StandInTesseract.hanging(this.temp).toString(), Duration.ofSeconds(1)), this.meters));
		long started = System.nanoTime();
		String explanation = explanation(stuck, Scans.longerScan(this.temp.resolve("long-scan.pdf"), 5));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(explanation).isEqualTo("no extractable text: the pages are images without a text layer "
				+ "(no text layer on any of 5 pages, and OCR found no text: it failed on page 1 (Tesseract did not "
				+ "finish within 1s and was stopped), page 2 (Tesseract did not finish within 1s and was stopped); "
				+ "gave up after 2 failures in a row, 3 pages not tried)");
		assertThat(this.meters.counter("thoth.pdf.ocr.pages", "outcome", "timeout").count()).isEqualTo(2);
	}

	@Test
	void aBlankScanIsQuarantinedAsOcrFoundNoText() throws Exception {
		Path blank = Scans.imageOnly(this.temp.resolve("blank.pdf"), List.of(List.of()));
		assertThat(explanation(this.inspector, blank)).isEqualTo("no extractable text: the pages are images "
				+ "without a text layer (no text layer on its one page, and OCR found no text there either "
				+ "(0 characters))");
	}

	@Test
	void aPaperWithATextLayerIsNotOcred() throws Exception {
		Inspection inspection = this.inspector.inspect(Corpus.papers().get(0).path());
		assertThat(inspection).isInstanceOfSatisfying(Inspection.Readable.class, (readable) -> {
			assertThat(readable.textNote()).isNull();
			assertThat(readable.text().ocrPages()).isEmpty();
		});
		assertThat(this.meters.find("thoth.pdf.ocr.pages").counters()).isEmpty();
	}

	@Test
	void anEncryptedPdfIsRejectedAsEncrypted() throws Exception {
		Path encrypted = this.temp.resolve("encrypted.pdf");
		try (PDDocument document = Loader.loadPDF(Corpus.papers().get(1).path().toFile())) {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			document.save(encrypted.toFile());
		}
		assertThat(reason(encrypted)).isEqualTo(QuarantineReason.ENCRYPTED);
	}

	@Test
	void aFileOverTheLimitIsTooLarge() throws Exception {
		PdfInspector strict = new PdfInspector(DataSize.ofKilobytes(10), new TextExtractor(), new MetadataExtractor(),
				Scans.installedTesseract(this.meters));
		Inspection inspection = strict.inspect(Corpus.papers().get(0).path());
		assertThat(inspection).isInstanceOfSatisfying(Inspection.Rejected.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo(QuarantineReason.TOO_LARGE));
	}

	@Test
	void garbageBetweenAHeaderAndAnEndIsCorrupt() throws Exception {
		Path corrupt = this.temp.resolve("corrupt.pdf");
		Files.writeString(corrupt, "%PDF-1.7\n" + "garbage ".repeat(200) + "\n%%EOF\n", StandardCharsets.US_ASCII);
		assertThat(reason(corrupt)).isIn(QuarantineReason.CORRUPT, QuarantineReason.NO_TEXT);
	}

	private static PdfInspector inspector(Tesseract tesseract) {
		return new PdfInspector(DataSize.ofMegabytes(50), new TextExtractor(), new MetadataExtractor(), tesseract);
	}

	private static String explanation(PdfInspector inspector, Path file) throws Exception {
		Inspection inspection = inspector.inspect(file);
		assertThat(inspection).isInstanceOf(Inspection.Rejected.class);
		Inspection.Rejected rejected = (Inspection.Rejected) inspection;
		assertThat(rejected.reason()).isEqualTo(QuarantineReason.NO_TEXT);
		return rejected.explanation();
	}

	/**
	 * The words of a text in lower case, for comparisons that forgive OCR's punctuation.
	 */
	private static List<String> words(String text) {
		return Arrays.stream(comparable(text).split(" ")).filter((word) -> !word.isEmpty()).toList();
	}

	private static String comparable(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.strip();
	}

	private QuarantineReason reason(Path file) throws Exception {
		Inspection inspection = this.inspector.inspect(file);
		assertThat(inspection).isInstanceOf(Inspection.Rejected.class);
		return ((Inspection.Rejected) inspection).reason();
	}

}
