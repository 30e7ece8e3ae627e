package dev.thoth.api.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.thoth.testsupport.TestCorpus;
import dev.thoth.vectorstore.PageText;
import dev.thoth.vectorstore.RunningLines;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The papers of the shared test corpus ({@code shared/corpus} beside the repository,
 * system property {@code thoth.corpus}) as page texts, for benchmarks that need real
 * chunks in the API service.
 * <p>
 * The PDF monitor's own extraction ({@code TextExtractor}: column-aware reading order,
 * ligature and hyphenation repair) lives in the pdf-monitor module, which the API may not
 * depend on. This reads each page with plain PDFBox ({@code PDFTextStripper}, default
 * settings, one page at a time) instead; the pages then go through the real
 * {@code Chunker}. The text differs from the monitor's in details (reading order on some
 * two-column pages, unrepaired ligatures), not in what a page says. The body leaves out
 * the running headers, footers and page numbers, found by the monitor's rule
 * ({@link RunningLines}) from where PDFBox sets each line.
 */
public final class CorpusText {

	private CorpusText() {
	}

	/**
	 * One corpus paper: its file name, printed title and text page by page, every line
	 * ({@code pages}) and without running lines ({@code body}).
	 */
	public record Paper(String file, String title, List<PageText> pages, List<PageText> body) {
	}

	public static Path root() {
		return TestCorpus.root();
	}

	/** Every paper of the corpus truth, in its order, with the text of each page. */
	public static List<Paper> papers() {
		Path root = root();
		JsonNode truth = JsonMapper.builder().build().readTree(root.resolve("truth.json").toFile());
		List<Paper> papers = new ArrayList<>();
		for (JsonNode paper : truth.get("papers")) {
			String file = paper.get("file").asString();
			papers.add(read(file, paper.get("title").asString(), root.resolve("pdfs").resolve(file)));
		}
		return papers;
	}

	/** The papers by file name. */
	public static Map<String, Paper> byFile() {
		Map<String, Paper> byFile = new LinkedHashMap<>();
		papers().forEach((paper) -> byFile.put(paper.file(), paper));
		return byFile;
	}

	/** A line as PDFBox writes it, and how far down its page it sits (0 to 1). */
	record Line(int page, String text, double top) {
	}

	private static List<PageText> pages(List<Line> lines, int pageCount) {
		Map<Integer, String> texts = lines.stream()
			.collect(Collectors.groupingBy(Line::page, LinkedHashMap::new,
					Collectors.mapping(Line::text, Collectors.joining("\n"))));
		List<PageText> pages = new ArrayList<>();
		for (int page = 1; page <= pageCount; page++) {
			pages.add(new PageText(page, texts.getOrDefault(page, "")));
		}
		return pages;
	}

	static Paper read(String file, String title, Path pdf) {
		try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
			LineStripper stripper = new LineStripper();
			for (int page = 1; page <= document.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				stripper.writeText(document, new StringWriter());
			}
			List<Line> lines = stripper.lines;
			int pageCount = document.getNumberOfPages();
			return new Paper(file, title, pages(lines, pageCount),
					pages(RunningLines.without(lines, Line::page, Line::text, Line::top), pageCount));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + pdf, ex);
		}
	}

	/**
	 * PDFBox's plain text, line by line (its words joined as it joins them), with where
	 * each line's first glyph sits.
	 */
	private static final class LineStripper extends PDFTextStripper {

		private final List<Line> lines = new ArrayList<>();

		private final StringBuilder line = new StringBuilder();

		private float height;

		private double top = -1;

		@Override
		protected void startPage(PDPage page) throws IOException {
			this.height = page.getMediaBox().getHeight();
			super.startPage(page);
		}

		@Override
		protected void writeString(String text, List<TextPosition> positions) throws IOException {
			if (this.top < 0 && !positions.isEmpty()) {
				this.top = positions.getFirst().getYDirAdj() / Math.max(1f, this.height);
			}
			this.line.append(text);
			super.writeString(text, positions);
		}

		@Override
		protected void writeWordSeparator() throws IOException {
			this.line.append(getWordSeparator());
			super.writeWordSeparator();
		}

		@Override
		protected void writeLineSeparator() throws IOException {
			endLine();
			super.writeLineSeparator();
		}

		@Override
		protected void writePageEnd() throws IOException {
			endLine();
			super.writePageEnd();
		}

		private void endLine() {
			if (!this.line.isEmpty()) {
				this.lines.add(new Line(getCurrentPageNo(), this.line.toString(), Math.max(0, this.top)));
			}
			this.line.setLength(0);
			this.top = -1;
		}

	}

}
