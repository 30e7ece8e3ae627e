package dev.thoth.pdfmonitor.ocr;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.pdfmonitor.PdfMonitorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads pages without a text layer with the {@code tesseract} command: the page is
 * rendered in grey, Tesseract reads it with a time limit (and is killed past it), and its
 * hOCR output gives the words with their geometry. Whether Tesseract is there is found
 * out once, when the monitor starts.
 */
public final class Tesseract {

	private static final Log log = LogFactory.getLog(Tesseract.class);

	/** How long {@code tesseract --version} and {@code --list-langs} may take. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

	/** Pixels a rendered page may have; A4 at 300 dpi has 8.7 million. */
	private static final double MAXIMUM_PIXELS = 40_000_000;

	private static final Pattern VERSION = Pattern.compile("(?i)tesseract\\s+v?(\\d+(?:\\.\\d+)*\\S*)");

	private final PdfMonitorProperties.Ocr settings;

	private final String version;

	private final String unavailable;

	private final MeterRegistry meters;

	private Tesseract(PdfMonitorProperties.Ocr settings, String version, String unavailable, MeterRegistry meters) {
		this.settings = settings;
		this.version = version;
		this.unavailable = unavailable;
		this.meters = meters;
	}

	/** Finds out whether Tesseract can be used as configured, and logs what it found. */
	public static Tesseract detect(PdfMonitorProperties.Ocr settings, MeterRegistry meters) {
		Tesseract tesseract = probe(settings, meters);
		if (tesseract.available()) {
			log.info("OCR: Tesseract " + tesseract.version + " (" + settings.command() + "), language "
					+ settings.language() + ", " + settings.dpi() + " dpi, at most " + format(settings.pageTimeout())
					+ " a page; pages without a text layer will be read with it");
		}
		else {
			log.warn(tesseract.unavailable + "; PDFs without a text layer will be quarantined");
		}
		return tesseract;
	}

	private static Tesseract probe(PdfMonitorProperties.Ocr settings, MeterRegistry meters) {
		if (!settings.enabled()) {
			return new Tesseract(settings, null,
					"OCR is turned off: set THOTH_OCR_ENABLED=true, with Tesseract installed "
							+ "(apt-get install tesseract-ocr " + languagePackages(settings.language()) + ")",
					meters);
		}
		String notInstalled = "OCR is not available: ";
		String install = "; install Tesseract (apt-get install tesseract-ocr " + languagePackages(settings.language())
				+ ") or point THOTH_OCR_COMMAND to it";
		Result versionAnswer;
		Result languagesAnswer;
		try {
			versionAnswer = run(List.of(settings.command(), "--version"), PROBE_TIMEOUT);
			languagesAnswer = run(List.of(settings.command(), "--list-langs"), PROBE_TIMEOUT);
		}
		catch (IOException ex) {
			return new Tesseract(settings, null,
					notInstalled + "'" + settings.command() + "' could not be run (" + ex.getMessage() + ")" + install,
					meters);
		}
		catch (OcrException ex) {
			return new Tesseract(settings, null,
					notInstalled + "'" + settings.command() + "' " + ex.getMessage() + install, meters);
		}
		Matcher version = VERSION.matcher(versionAnswer.text());
		if (versionAnswer.exitCode() != 0 || !version.find()) {
			return new Tesseract(settings, null,
					notInstalled + "'" + settings.command() + " --version' did not answer like Tesseract (exit status "
							+ versionAnswer.exitCode() + ")" + install,
					meters);
		}
		List<String> installed = Arrays.stream(languagesAnswer.text().split("\\R")).map(String::strip).toList();
		List<String> missing = Arrays.stream(settings.language().split("\\+"))
			.filter((language) -> !installed.contains(language))
			.toList();
		if (!missing.isEmpty()) {
			return new Tesseract(settings, version.group(1),
					notInstalled + "Tesseract " + version.group(1) + " has no data for language "
							+ String.join(", ", missing) + "; install it (apt-get install "
							+ languagePackages(String.join("+", missing)) + ") or set THOTH_OCR_LANGUAGE",
					meters);
		}
		return new Tesseract(settings, version.group(1), null, meters);
	}

	/**
	 * Debian's packages of Tesseract's language data: eng+chi_sim → tesseract-ocr-eng
	 * tesseract-ocr-chi-sim.
	 */
	private static String languagePackages(String languages) {
		return String.join(" ",
				Arrays.stream(languages.split("\\+"))
					.map((language) -> "tesseract-ocr-" + language.toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList());
	}

	public boolean available() {
		return this.unavailable == null;
	}

	/** Why OCR cannot be used and what to do about it, or null when it can. */
	public String unavailableReason() {
		return this.unavailable;
	}

	/**
	 * Renders one page and reads it.
	 * @param document the open document
	 * @param pageIndex the page, starting at 0
	 * @throws OcrException when Tesseract fails or runs out of time on the page
	 */
	public OcrPage read(PDDocument document, int pageIndex) throws OcrException {
		if (!available()) {
			throw new IllegalStateException(this.unavailable);
		}
		int dpi = resolution(document, pageIndex);
		BufferedImage image = render(document, pageIndex, dpi);
		Path picture = null;
		try {
			picture = Files.createTempFile("thoth-ocr-", ".pgm");
			writePgm(image, picture);
			// hOCR rather than plain text: with the lines' geometry and size, layout and
			// metadata extraction treat a scan like any other page.
			Result result;
			try {
				result = run(List.of(this.settings.command(), picture.toString(), "stdout", "-l",
						this.settings.language(), "--dpi", Integer.toString(dpi), "hocr"), this.settings.pageTimeout());
			}
			catch (OcrException ex) {
				count(ex.timedOut() ? "timeout" : "failed");
				throw new OcrException("Tesseract " + ex.getMessage(), ex.timedOut());
			}
			if (result.exitCode() != 0) {
				count("failed");
				throw new OcrException(
						"Tesseract exited with status " + result.exitCode() + ": " + lastLine(result.errors()), false);
			}
			OcrPage page = Hocr.parse(result.output(), dpi, image.getWidth(), image.getHeight());
			count("read");
			return page;
		}
		catch (IOException ex) {
			count("failed");
			throw new OcrException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), false);
		}
		finally {
			deleteQuietly(picture);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			if (file != null) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete " + file + ": " + ex.getMessage());
		}
	}

	/**
	 * The configured resolution, lowered for a poster-sized page that would not fit in
	 * memory.
	 */
	private int resolution(PDDocument document, int pageIndex) {
		PDRectangle box = document.getPage(pageIndex).getCropBox();
		double inches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
		double pixels = inches * this.settings.dpi() * this.settings.dpi();
		return (pixels > MAXIMUM_PIXELS) ? (int) Math.sqrt(MAXIMUM_PIXELS / inches) : this.settings.dpi();
	}

	private BufferedImage render(PDDocument document, int pageIndex, int dpi) throws OcrException {
		try {
			return new PDFRenderer(document).renderImageWithDPI(pageIndex, dpi, ImageType.GRAY);
		}
		catch (IOException | RuntimeException ex) {
			count("failed");
			throw new OcrException("the page could not be rendered: " + ex.getMessage(), false);
		}
	}

	private void count(String outcome) {
		this.meters.counter("thoth.pdf.ocr.pages", "outcome", outcome).increment();
	}

	/** A binary PGM: the simplest grey image format Tesseract reads. */
	private static void writePgm(BufferedImage image, Path file) throws IOException {
		int width = image.getWidth();
		byte[] row = new byte[width];
		try (OutputStream output = new BufferedOutputStream(Files.newOutputStream(file))) {
			output.write(("P5\n" + width + " " + image.getHeight() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
			for (int y = 0; y < image.getHeight(); y++) {
				image.getRaster().getDataElements(0, y, width, 1, row);
				output.write(row);
			}
		}
	}

	private static String lastLine(String text) {
		String[] lines = text.strip().split("\\R");
		return lines[lines.length - 1];
	}

	private record Result(int exitCode, byte[] output, String errors) {

		/** Both streams: some versions print their version to standard error. */
		String text() {
			return new String(this.output, StandardCharsets.UTF_8) + "\n" + this.errors;
		}

	}

	/**
	 * Runs a command with a time limit. Its output goes to files, not pipes, so a chatty
	 * process can never block on a full pipe and nothing here waits without a limit.
	 */
	private static Result run(List<String> command, Duration timeout) throws IOException, OcrException {
		Path output = Files.createTempFile("thoth-ocr-", ".out");
		Path errors = Files.createTempFile("thoth-ocr-", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(errors.toFile());
			// Tesseract's own threads would only compete with the other workers.
			builder.environment().put("OMP_THREAD_LIMIT", "1");
			Process process = builder.start();
			process.getOutputStream().close();
			try {
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					kill(process);
					throw new OcrException("did not finish within " + format(timeout) + " and was stopped", true);
				}
			}
			catch (InterruptedException ex) {
				kill(process);
				Thread.currentThread().interrupt();
				throw new OcrException("was interrupted", false);
			}
			return new Result(process.exitValue(), Files.readAllBytes(output), Files.readString(errors));
		}
		finally {
			deleteQuietly(output);
			deleteQuietly(errors);
		}
	}

	/** Kills the process and whatever it started (a wrapper script's children, too). */
	private static void kill(Process process) {
		List<ProcessHandle> children = process.descendants().toList();
		process.destroyForcibly();
		children.forEach(ProcessHandle::destroyForcibly);
		try {
			process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
