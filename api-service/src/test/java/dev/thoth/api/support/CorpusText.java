package dev.thoth.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.thoth.vectorstore.PageText;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import dev.thoth.testsupport.TestCorpus;
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
 * two-column pages, unrepaired ligatures), not in what a page says.
 */
public final class CorpusText {

	private CorpusText() {
	}

	/** One corpus paper: its file name, printed title and text page by page. */
	public record Paper(String file, String title, List<PageText> pages) {
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
			papers.add(new Paper(file, paper.get("title").asString(), pages(root.resolve("pdfs").resolve(file))));
		}
		return papers;
	}

	/** The papers by file name. */
	public static Map<String, Paper> byFile() {
		Map<String, Paper> byFile = new LinkedHashMap<>();
		papers().forEach((paper) -> byFile.put(paper.file(), paper));
		return byFile;
	}

	static List<PageText> pages(Path pdf) {
		try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
			PDFTextStripper stripper = new PDFTextStripper();
			List<PageText> pages = new ArrayList<>();
			for (int page = 1; page <= document.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				pages.add(new PageText(page, stripper.getText(document)));
			}
			return pages;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + pdf, ex);
		}
	}

}
