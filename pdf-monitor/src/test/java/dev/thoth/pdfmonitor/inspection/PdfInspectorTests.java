package dev.thoth.pdfmonitor.inspection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.extraction.MetadataExtractor;
import dev.thoth.pdfmonitor.extraction.TextExtractor;
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

	private final PdfInspector inspector = new PdfInspector(DataSize.ofMegabytes(50), new TextExtractor(),
			new MetadataExtractor());

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
	void aScanWithoutTextNeedsOcr() throws Exception {
		assertThat(reason(Corpus.bad("scanned-image-only-ZFN-A-054-0304-0272.pdf")))
			.isEqualTo(QuarantineReason.NO_TEXT);
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
		PdfInspector strict = new PdfInspector(DataSize.ofKilobytes(10), new TextExtractor(), new MetadataExtractor());
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

	private QuarantineReason reason(Path file) throws Exception {
		Inspection inspection = this.inspector.inspect(file);
		assertThat(inspection).isInstanceOf(Inspection.Rejected.class);
		return ((Inspection.Rejected) inspection).reason();
	}

}
