package dev.thoth.pdfmonitor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.thoth.pdfmonitor.ocr.Tesseract;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Scanned PDFs made for tests: pages printed with real fonts, rendered to pictures and
 * put back into a PDF as images only, like a scanner's output.
 */
public final class Scans {

	private Scans() {
	}

	/**
	 * A line of print: its text, font size and where its baseline starts, in points from
	 * the top left.
	 */
	public record Line(String text, float size, float x, float baseline) {

	}

	/** Settings for the installed Tesseract, with the given page timeout. */
	public static PdfMonitorProperties.Ocr tesseract(String command, Duration pageTimeout) {
		return new PdfMonitorProperties.Ocr(true, command, "eng", 300, pageTimeout);
	}

	public static Tesseract installedTesseract(MeterRegistry meters) {
		return Tesseract.detect(tesseract("tesseract", Duration.ofSeconds(60)), meters);
	}

	/** Writes a PDF whose pages are pictures of the given lines, one list per page. */
	public static Path imageOnly(Path file, List<List<Line>> pages) throws IOException {
		try (PDDocument printed = new PDDocument(); PDDocument scanned = new PDDocument()) {
			PDType1Font times = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
			for (List<Line> lines : pages) {
				PDPage page = new PDPage(PDRectangle.LETTER);
				printed.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(printed, page)) {
					for (Line line : lines) {
						content.beginText();
						content.setFont(times, line.size());
						content.newLineAtOffset(line.x(), page.getMediaBox().getHeight() - line.baseline());
						content.showText(line.text());
						content.endText();
					}
				}
			}
			PDFRenderer renderer = new PDFRenderer(printed);
			for (int i = 0; i < printed.getNumberOfPages(); i++) {
				BufferedImage picture = renderer.renderImageWithDPI(i, 300, ImageType.GRAY);
				PDPage page = new PDPage(PDRectangle.LETTER);
				scanned.addPage(page);
				PDImageXObject image = LosslessFactory.createFromImage(scanned, picture);
				try (PDPageContentStream content = new PDPageContentStream(scanned, page)) {
					content.drawImage(image, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
				}
			}
			scanned.save(file.toFile());
		}
		return file;
	}

	/** The corpus scan with its pages repeated to the given count. */
	public static Path longerScan(Path file, int pages) throws IOException {
		try (PDDocument source = Loader.loadPDF(Corpus.bad("scanned-image-only-ZFN-A-054-0304-0272.pdf").toFile());
				PDDocument longer = new PDDocument()) {
			for (int i = 0; i < pages; i++) {
				longer.importPage(source.getPage(i % source.getNumberOfPages()));
			}
			longer.save(file.toFile());
		}
		return file;
	}

}
