package dev.thoth.pdfmonitor.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
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

	/**
	 * The whole inspection at once: the checks, the text and the metadata. The pipeline
	 * runs the three steps as stages of their own ({@link #open}, {@link #readText},
	 * {@link #readMetadata}); this is for tests and tools that want a file's reading.
	 */
	public Inspection inspect(Path file) throws IOException {
		Checked<PDDocument> opened = open(file);
		if (opened instanceof Checked.Rejected<PDDocument>(Inspection.Rejected rejected)) {
			return rejected;
		}
		try (PDDocument document = ((Checked.Passed<PDDocument>) opened).value()) {
			Checked<Text> read = readText(document);
			if (read instanceof Checked.Rejected<Text>(Inspection.Rejected rejected)) {
				return rejected;
			}
			Text text = ((Checked.Passed<Text>) read).value();
			return switch (readMetadata(document, text.text())) {
				case Checked.Passed<ExtractedMetadata>(ExtractedMetadata metadata) ->
					new Inspection.Readable(text.text(), metadata, text.note());
				case Checked.Rejected<ExtractedMetadata>(Inspection.Rejected rejected) -> rejected;
			};
		}
	}

	/**
	 * The checks, cheap to expensive: size, signature, end-of-file marker, parsing,
	 * encryption. A file that passes is returned open; the caller closes it.
	 */
	public Checked<PDDocument> open(Path file) throws IOException {
		long size = Files.size(file);
		if (size == 0) {
			return reject(QuarantineReason.EMPTY, null);
		}
		if (size > this.maxFileSize.toBytes()) {
			return reject(QuarantineReason.TOO_LARGE,
					size + " bytes; the limit is " + this.maxFileSize.toBytes() + " bytes");
		}
		if (!startsWithSignature(file)) {
			return reject(QuarantineReason.NOT_PDF, null);
		}
		if (!endsWithEndOfFile(file, size)) {
			return reject(QuarantineReason.TRUNCATED, "no %%EOF in the last bytes");
		}
		return reading(() -> {
			PDDocument document = Loader.loadPDF(file.toFile());
			try {
				if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
					document.close();
					return reject(QuarantineReason.ENCRYPTED, "text extraction is not permitted");
				}
				return new Checked.Passed<>(document);
			}
			catch (RuntimeException ex) {
				document.close();
				throw ex;
			}
		});
	}

	/**
	 * The text of an open PDF page by page, pages without a text layer read by OCR; a
	 * document with (almost) no text at all is rejected.
	 */
	public Checked<Text> readText(PDDocument document) throws IOException {
		return reading(() -> {
			ExtractedText text = this.textExtractor.extract(document);
			List<PageText> bare = text.pages()
				.stream()
				.filter((page) -> characters(page.text()) < MINIMUM_PAGE_TEXT)
				.toList();
			OcrPass ocrPass = bare.isEmpty() ? null : ocr(document, bare);
			if (ocrPass != null && !ocrPass.used().isEmpty()) {
				text = this.textExtractor.extract(document, ocrPass.used());
			}
			int characters = text.pages().stream().mapToInt((page) -> characters(page.text())).sum();
			if (characters < MINIMUM_TEXT) {
				return reject(QuarantineReason.NO_TEXT, noText(text.pages().size(), bare.size(), characters, ocrPass));
			}
			return new Checked.Passed<>(
					new Text(text, (ocrPass != null) ? note(text.pages().size(), bare.size(), ocrPass) : null));
		});
	}

	/** The metadata of an open PDF, from its page layout and text. */
	public Checked<ExtractedMetadata> readMetadata(PDDocument document, ExtractedText text) throws IOException {
		return reading(() -> new Checked.Passed<>(this.metadataExtractor.extract(document, text)));
	}

	/**
	 * A document's text, and a note on how it was read when some pages had no text layer
	 * ("OCR on 2 of 2 pages"), else null.
	 */
	public record Text(ExtractedText text, String note) {

	}

	private interface Reading<T> {

		Checked<T> read() throws IOException;

	}

	/**
	 * A step of reading, with what PDFBox throws on a bad file turned into a rejection.
	 */
	private static <T> Checked<T> reading(Reading<T> step) throws IOException {
		try {
			return step.read();
		}
		catch (InvalidPasswordException ex) {
			return reject(QuarantineReason.ENCRYPTED, null);
		}
		catch (InterruptedIOException ex) {
			throw ex; // the worker is stopping: the job is retried, the file is not bad
		}
		catch (UncheckedIOException ex) {
			return reject(QuarantineReason.CORRUPT, ex.getCause().getMessage());
		}
		catch (IOException | RuntimeException ex) {
			// PDFBox throws runtime exceptions on some malformed structures, too.
			return reject(QuarantineReason.CORRUPT, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static <T> Checked<T> reject(QuarantineReason reason, String detail) {
		return new Checked.Rejected<>(new Inspection.Rejected(reason, detail));
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
