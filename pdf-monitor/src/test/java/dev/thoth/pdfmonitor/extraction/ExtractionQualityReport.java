package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import dev.thoth.pdfmonitor.Corpus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the extractors over the whole corpus, scores every field against the truth and
 * times them against bare PDFBox text extraction; writes
 * bench/results/extraction-quality.md.
 */
class ExtractionQualityReport {

	private static final int WARM_UP_ROUNDS = 3;

	private static final int MEASURED_ROUNDS = 5;

	private static final List<String> FIELDS = List.of("title", "authors", "year", "doi", "venue", "abstract",
			"ref count", "refs sampled");

	@Test
	void writeReport() throws IOException {
		List<Corpus.Truth> papers = Corpus.truths();
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		for (Corpus.Truth paper : papers) {
			bytes.put(paper.file(), Files.readAllBytes(paper.path()));
		}
		StringBuilder table = new StringBuilder();
		table.append("| paper | ").append(String.join(" | ", FIELDS)).append(" |\n");
		table.append("|---|").append("---|".repeat(FIELDS.size())).append("\n");
		int[] right = new int[FIELDS.size()];
		StringBuilder details = new StringBuilder();
		for (Corpus.Truth paper : papers) {
			CorpusExtractions.Result result = CorpusExtractions.extract(paper);
			ExtractedMetadata metadata = result.metadata();
			List<Reference> references = result.references().references();
			int sampledRight = 0;
			StringBuilder wrongSamples = new StringBuilder();
			for (Corpus.SampledReference sample : paper.referencesSample()) {
				Reference actual = (sample.position() <= references.size()) ? references.get(sample.position() - 1)
						: null;
				boolean ok = actual != null && Objects.equals(norm(actual.title()), norm(sample.title()))
						&& Objects.equals(actual.firstAuthorSurname(), sample.firstAuthor())
						&& Objects.equals(actual.year(), sample.year());
				if (ok) {
					sampledRight++;
				}
				else {
					wrongSamples.append("  - reference ")
						.append(sample.position())
						.append(": got ")
						.append((actual != null)
								? actual.firstAuthorSurname() + " / " + actual.year() + " / " + actual.title()
								: "nothing")
						.append('\n');
				}
			}
			boolean[] marks = { Objects.equals(norm(metadata.title()), norm(paper.title())),
					metadata.authors()
						.stream()
						.map(ExtractionQualityReport::norm)
						.toList()
						.equals(paper.authors().stream().map(ExtractionQualityReport::norm).toList()),
					Objects.equals(metadata.year(), paper.year()), Objects.equals(metadata.doi(), paper.doi()),
					Objects.equals(norm(metadata.venue()), norm(paper.venue())),
					Objects.equals(norm(metadata.abstractFirstSentence()), norm(paper.abstractFirstSentence())),
					paper.referenceCountAccept().contains(references.size()),
					sampledRight == paper.referencesSample().size() };
			table.append("| ").append(paper.file());
			for (int i = 0; i < marks.length; i++) {
				String cell = marks[i] ? "right" : "**wrong**";
				if (i == 6) {
					cell += " (" + references.size() + ")";
				}
				if (i == 7) {
					cell += " (" + sampledRight + "/" + paper.referencesSample().size() + ")";
				}
				table.append(" | ").append(cell);
				right[i] += marks[i] ? 1 : 0;
			}
			table.append(" |\n");
			StringBuilder wrong = new StringBuilder();
			addIfWrong(wrong, marks[0], "title", metadata.title(), paper.title());
			addIfWrong(wrong, marks[1], "authors", metadata.authors(), paper.authors());
			addIfWrong(wrong, marks[2], "year", metadata.year(), paper.year());
			addIfWrong(wrong, marks[3], "doi", metadata.doi(), paper.doi());
			addIfWrong(wrong, marks[4], "venue", metadata.venue(), paper.venue());
			addIfWrong(wrong, marks[5], "abstract first sentence", metadata.abstractFirstSentence(),
					paper.abstractFirstSentence());
			addIfWrong(wrong, marks[6], "reference count", references.size(), paper.referenceCountAccept());
			if (!wrong.isEmpty() || !wrongSamples.isEmpty()) {
				details.append("- ").append(paper.file()).append('\n').append(wrong).append(wrongSamples);
			}
		}
		table.append("| **total** ");
		for (int count : right) {
			table.append(" | **").append(count).append("/").append(papers.size()).append("**");
		}
		table.append(" |\n");

		// timing: load + extraction, ours against bare PDFBox, same PDFs, same JVM
		for (int round = 0; round < WARM_UP_ROUNDS; round++) {
			for (byte[] pdf : bytes.values()) {
				ours(pdf);
				bare(pdf);
			}
		}
		StringBuilder timing = new StringBuilder();
		timing.append(
				"| paper | pages | bare PDFBox ms | Thoth ms (text + metadata + references) | ratio bare/Thoth |\n");
		timing.append("|---|---:|---:|---:|---:|\n");
		long bareTotal = 0;
		long oursTotal = 0;
		for (Corpus.Truth paper : papers) {
			byte[] pdf = bytes.get(paper.file());
			long bareNanos = Long.MAX_VALUE;
			long ourNanos = Long.MAX_VALUE;
			for (int round = 0; round < MEASURED_ROUNDS; round++) {
				long start = System.nanoTime();
				bare(pdf);
				long middle = System.nanoTime();
				ours(pdf);
				long end = System.nanoTime();
				bareNanos = Math.min(bareNanos, middle - start);
				ourNanos = Math.min(ourNanos, end - middle);
			}
			bareTotal += bareNanos;
			oursTotal += ourNanos;
			timing.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f |%n", paper.file(), paper.pages(),
					bareNanos / 1e6, ourNanos / 1e6, (double) bareNanos / ourNanos));
		}
		double ratio = (double) bareTotal / oursTotal;
		timing.append(String.format(Locale.ROOT, "| **all** | | **%.1f** | **%.1f** | **%.2f** |%n", bareTotal / 1e6,
				oursTotal / 1e6, ratio));

		String report = "# Extraction quality\n\n" + "Generated by `ExtractionQualityReport` (pdf-monitor tests) on "
				+ LocalDate.now() + ", Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
				+ " CPUs.\n\n"
				+ "Each field is compared with `shared/corpus/truth.json` after Unicode NFKC and whitespace collapsing, exactly "
				+ "(authors as an ordered list; the reference count must be in `reference_count_accept`; a sampled reference "
				+ "is right when its title (null where the style prints none), first-author surname and year all match).\n\n"
				+ table + "\n" + (details.isEmpty() ? "" : "Wrong fields:\n\n" + details + "\n") + "## Throughput\n\n"
				+ "Load from memory plus extraction, best of " + MEASURED_ROUNDS + " rounds after " + WARM_UP_ROUNDS
				+ " warm-up rounds, single thread. Bare PDFBox is `PDFTextStripper.getText` with default "
				+ "settings. Target: Thoth at ≥ 25 % of bare PDFBox throughput (ratio ≥ 0.25).\n\n" + timing;
		Path out = Path.of(System.getProperty("user.dir"))
			.resolve("../bench/results/extraction-quality.md")
			.normalize();
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		assertThat(ratio).as("Thoth's throughput relative to bare PDFBox").isGreaterThanOrEqualTo(0.25);
	}

	private static void addIfWrong(StringBuilder out, boolean right, String field, Object actual, Object expected) {
		if (!right) {
			out.append("  - ")
				.append(field)
				.append(": got `")
				.append(actual)
				.append("`, truth `")
				.append(expected)
				.append("`\n");
		}
	}

	private static String norm(String text) {
		return CorpusExtractions.norm(text);
	}

	private static void ours(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			ExtractedText text = new TextExtractor().extract(document);
			new MetadataExtractor().extract(document, text);
			new ReferenceParser().parse(text);
		}
	}

	private static void bare(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			new PDFTextStripper().writeText(document, new StringWriter());
		}
	}

	static List<String> fields() {
		return new ArrayList<>(FIELDS);
	}

}
