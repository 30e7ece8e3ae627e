package dev.thoth.pdfmonitor.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.ExtractedText;
import dev.thoth.pdfmonitor.extraction.MetadataExtractor;
import dev.thoth.pdfmonitor.extraction.TextExtractor;

import org.springframework.util.unit.DataSize;

/**
 * Decides whether a file is a PDF Thoth can read, and reads its text page by page. The
 * checks go from cheap to expensive: size, signature, end-of-file marker, parsing,
 * encryption, and finally whether any page has text at all.
 */
public class PdfInspector {

	/** Fewer non-blank characters than this in the whole document means no text layer. */
	private static final int MINIMUM_TEXT = 40;

	private static final byte[] SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] END_OF_FILE = "%%EOF".getBytes(StandardCharsets.US_ASCII);

	/** Writers may put a little junk after the last %%EOF; real files keep it short. */
	private static final int END_OF_FILE_WINDOW = 4096;

	/** The signature may follow a little junk at the start, as readers accept. */
	private static final int SIGNATURE_WINDOW = 1024;

	private final DataSize maxFileSize;

	private final TextExtractor textExtractor;

	private final MetadataExtractor metadataExtractor;

	public PdfInspector(DataSize maxFileSize, TextExtractor textExtractor, MetadataExtractor metadataExtractor) {
		this.maxFileSize = maxFileSize;
		this.textExtractor = textExtractor;
		this.metadataExtractor = metadataExtractor;
	}

	public Inspection inspect(Path file) throws IOException {
		long size = Files.size(file);
		if (size == 0) {
			return new Inspection.Rejected(QuarantineReason.EMPTY, null);
		}
		if (size > this.maxFileSize.toBytes()) {
			return new Inspection.Rejected(QuarantineReason.TOO_LARGE,
					size + " bytes; the limit is " + this.maxFileSize.toBytes() + " bytes");
		}
		if (!startsWithSignature(file)) {
			return new Inspection.Rejected(QuarantineReason.NOT_PDF, null);
		}
		if (!endsWithEndOfFile(file, size)) {
			return new Inspection.Rejected(QuarantineReason.TRUNCATED, "no %%EOF in the last bytes");
		}
		try (PDDocument document = Loader.loadPDF(file.toFile())) {
			if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
				return new Inspection.Rejected(QuarantineReason.ENCRYPTED, "text extraction is not permitted");
			}
			long started = System.nanoTime();
			ExtractedText text = this.textExtractor.extract(document);
			Duration textTime = Duration.ofNanos(System.nanoTime() - started);
			int characters = text.pages()
				.stream()
				.mapToInt((page) -> page.text().replaceAll("\\s+", "").length())
				.sum();
			if (characters < MINIMUM_TEXT) {
				return new Inspection.Rejected(QuarantineReason.NO_TEXT, text.pages().size() + " pages, " + characters
						+ " characters of text; OCR is not available in this version");
			}
			started = System.nanoTime();
			ExtractedMetadata metadata = this.metadataExtractor.extract(document, text);
			return new Inspection.Readable(text, metadata, textTime, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (InvalidPasswordException ex) {
			return new Inspection.Rejected(QuarantineReason.ENCRYPTED, null);
		}
		catch (UncheckedIOException ex) {
			return new Inspection.Rejected(QuarantineReason.CORRUPT, ex.getCause().getMessage());
		}
		catch (IOException | RuntimeException ex) {
			// PDFBox throws runtime exceptions on some malformed structures, too.
			return new Inspection.Rejected(QuarantineReason.CORRUPT,
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static boolean startsWithSignature(Path file) throws IOException {
		byte[] head = new byte[SIGNATURE_WINDOW];
		int read;
		try (InputStream input = Files.newInputStream(file)) {
			read = input.readNBytes(head, 0, head.length);
		}
		return indexOf(head, read, SIGNATURE) >= 0;
	}

	private static boolean endsWithEndOfFile(Path file, long size) throws IOException {
		int window = (int) Math.min(size, END_OF_FILE_WINDOW);
		byte[] tail = new byte[window];
		try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "r")) {
			access.seek(size - window);
			access.readFully(tail);
		}
		return indexOf(tail, window, END_OF_FILE) >= 0;
	}

	private static int indexOf(byte[] data, int length, byte[] pattern) {
		outer: for (int i = 0; i + pattern.length <= length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
