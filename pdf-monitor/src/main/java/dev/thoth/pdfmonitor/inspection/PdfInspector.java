package dev.thoth.pdfmonitor.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.ExtractedText;
import dev.thoth.pdfmonitor.extraction.MetadataExtractor;
import dev.thoth.pdfmonitor.extraction.PageText;
import dev.thoth.pdfmonitor.extraction.TextExtractor;
import dev.thoth.pdfmonitor.ocr.OcrException;
import dev.thoth.pdfmonitor.ocr.OcrPage;
import dev.thoth.pdfmonitor.ocr.Tesseract;

import org.springframework.util.unit.DataSize;

/**
 * Decides whether a file is a PDF Thoth can read, and reads its text page by page. The
 * checks go from cheap to expensive: size, signature, end-of-file marker, parsing,
 * encryption, and finally whether the pages have text, from their text layer or, for
 * pages without one, from OCR when Tesseract is available.
 */
public class PdfInspector {

	/** Fewer non-blank characters than this in the whole document means no text. */
	private static final int MINIMUM_TEXT = 40;

	/**
	 * A page with fewer non-blank characters than this has in effect no text layer: a
	 * scan, perhaps with a page number or a "downloaded from" stamp as its only text.
	 */
	private static final int MINIMUM_PAGE_TEXT = 200;

	/**
	 * OCR gives up on a document after this many pages in a row fail, so that a broken
	 * Tesseract does not hold a long scan for a time limit per page.
	 */
	private static final int FAILURES_IN_A_ROW = 2;

	private static final byte[] SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] END_OF_FILE = "%%EOF".getBytes(StandardCharsets.US_ASCII);

	/** Writers may put a little junk after the last %%EOF; real files keep it short. */
	private static final int END_OF_FILE_WINDOW = 4096;

	/** The signature may follow a little junk at the start, as readers accept. */
	private static final int SIGNATURE_WINDOW = 1024;

	private final DataSize maxFileSize;

	private final TextExtractor textExtractor;

	private final MetadataExtractor metadataExtractor;

	private final Tesseract ocr;

	public PdfInspector(DataSize maxFileSize, TextExtractor textExtractor, MetadataExtractor metadataExtractor,
			Tesseract ocr) {
		this.maxFileSize = maxFileSize;
		this.textExtractor = textExtractor;
		this.metadataExtractor = metadataExtractor;
		this.ocr = ocr;
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
			List<PageText> bare = text.pages()
				.stream()
				.filter((page) -> characters(page.text()) < MINIMUM_PAGE_TEXT)
				.toList();
			OcrPass ocrPass = bare.isEmpty() ? null : ocr(document, bare);
			if (ocrPass != null && !ocrPass.used().isEmpty()) {
				text = this.textExtractor.extract(document, ocrPass.used());
			}
			Duration textTime = Duration.ofNanos(System.nanoTime() - started);
			int characters = text.pages().stream().mapToInt((page) -> characters(page.text())).sum();
			if (characters < MINIMUM_TEXT) {
				return new Inspection.Rejected(QuarantineReason.NO_TEXT,
						noText(text.pages().size(), bare.size(), characters, ocrPass));
			}
			started = System.nanoTime();
			ExtractedMetadata metadata = this.metadataExtractor.extract(document, text);
			return new Inspection.Readable(text, metadata, textTime, Duration.ofNanos(System.nanoTime() - started),
					(ocrPass != null) ? note(text.pages().size(), bare.size(), ocrPass) : null);
		}
		catch (InvalidPasswordException ex) {
			return new Inspection.Rejected(QuarantineReason.ENCRYPTED, null);
		}
		catch (InterruptedIOException ex) {
			throw ex; // the worker is stopping: the job is retried, the file is not bad
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

	/**
	 * What OCR made of the pages without a text layer.
	 *
	 * @param used the pages whose OCR text replaces their text layer, by page number
	 * @param failed why OCR failed, by page number
	 * @param notTried pages left after too many failures in a row
	 * @param unavailable why OCR could not run at all, or null
	 */
	private record OcrPass(Map<Integer, OcrPage> used, Map<Integer, String> failed, int notTried, String unavailable) {

	}

	private OcrPass ocr(PDDocument document, List<PageText> bare) throws InterruptedIOException {
		if (!this.ocr.available()) {
			return new OcrPass(Map.of(), Map.of(), 0, this.ocr.unavailableReason());
		}
		Map<Integer, OcrPage> used = new TreeMap<>();
		Map<Integer, String> failed = new TreeMap<>();
		int inARow = 0;
		for (int i = 0; i < bare.size(); i++) {
			PageText page = bare.get(i);
			if (inARow >= FAILURES_IN_A_ROW) {
				return new OcrPass(used, failed, bare.size() - i, null);
			}
			try {
				OcrPage read = this.ocr.read(document, page.number() - 1);
				inARow = 0;
				// A page with a little text and a figure: keep the exact text unless OCR
				// found more.
				if (read.characters() > characters(page.text())) {
					used.put(page.number(), read);
				}
			}
			catch (OcrException ex) {
				if (Thread.currentThread().isInterrupted()) {
					throw new InterruptedIOException("OCR of page " + page.number() + " was interrupted");
				}
				failed.put(page.number(), ex.getMessage());
				inARow++;
			}
		}
		return new OcrPass(used, failed, 0, null);
	}

	/** Why a document without text is rejected, and what would help. */
	private static String noText(int pages, int bare, int characters, OcrPass ocr) {
		String where = "no text layer on "
				+ ((pages == 1) ? "its one page" : ((bare == pages) ? "any of " : bare + " of ") + pages + " pages");
		if (ocr == null) {
			return where;
		}
		if (ocr.unavailable() != null) {
			return where + ", and " + ocr.unavailable();
		}
		if (ocr.failed().isEmpty()) {
			return where + ", and OCR found no text there either (" + characters + " characters)";
		}
		return where + ", and OCR found no text: it " + failures(ocr);
	}

	/** How the text stage read pages without a text layer: "OCR on 2 of 2 pages". */
	private static String note(int pages, int bare, OcrPass ocr) {
		if (ocr.unavailable() != null) {
			return "no text layer on " + bare + " of " + pages + " pages, not read: " + ocr.unavailable();
		}
		String note = "OCR on " + ocr.used().size() + " of " + pages + " pages";
		return ocr.failed().isEmpty() ? note : note + "; " + failures(ocr);
	}

	private static String failures(OcrPass ocr) {
		StringBuilder text = new StringBuilder();
		ocr.failed()
			.forEach((page, reason) -> text.append((text.length() > 0) ? ", " : "failed on ")
				.append("page ")
				.append(page)
				.append(" (")
				.append(reason)
				.append(")"));
		if (ocr.notTried() > 0) {
			text.append("; gave up after ")
				.append(FAILURES_IN_A_ROW)
				.append(" failures in a row, ")
				.append(ocr.notTried())
				.append((ocr.notTried() == 1) ? " page" : " pages")
				.append(" not tried");
		}
		return text.toString();
	}

	private static int characters(String text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				count++;
			}
		}
		return count;
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
