package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import dev.thoth.domain.papers.ReviewFlags;
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

	@Test
	void writeReport() throws IOException {
		List<Corpus.Truth> papers = Corpus.truths();
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		for (Corpus.Truth paper : papers) {
			bytes.put(paper.file(), Files.readAllBytes(paper.path()));
		}
		List<CorpusScores.PaperScore> scores = papers.stream().map(CorpusScores::score).toList();
		StringBuilder fields = new StringBuilder("| field | right | share | target |\n|---|---:|---:|---:|\n");
		for (CorpusScores.Field field : CorpusScores.Field.values()) {
			int[] total = CorpusScores.total(scores, field);
			fields.append(String.format(Locale.ROOT, "| %s | %d/%d | %.0f %% | %s |%n", field.label, total[0], total[1],
					100.0 * total[0] / total[1],
					(field.target > 0) ? String.format(Locale.ROOT, "≥ %.0f %%", 100 * field.target) : "—"));
		}
		Map<String, List<CorpusScores.PaperScore>> byKind = new TreeMap<>();
		for (CorpusScores.PaperScore score : scores) {
			byKind.computeIfAbsent(layoutKind(score.paper()), (kind) -> new ArrayList<>()).add(score);
		}
		StringBuilder kinds = new StringBuilder("| layout kind | papers | ");
		kinds.append(String.join(" | ", Arrays.stream(CorpusScores.Field.values()).map((f) -> f.label).toList()))
			.append(" |\n|---|---:|")
			.append("---:|".repeat(CorpusScores.Field.values().length))
			.append('\n');
		for (Map.Entry<String, List<CorpusScores.PaperScore>> kind : byKind.entrySet()) {
			kinds.append("| ").append(kind.getKey()).append(" | ").append(kind.getValue().size());
			for (CorpusScores.Field field : CorpusScores.Field.values()) {
				int[] total = CorpusScores.total(kind.getValue(), field);
				kinds.append(" | ").append(total[0]).append('/').append(total[1]);
			}
			kinds.append(" |\n");
		}
		StringBuilder table = new StringBuilder("| paper | set | layout kind | ");
		table.append(String.join(" | ", Arrays.stream(CorpusScores.Field.values()).map((f) -> f.label).toList()))
			.append(" |\n|---|---|---|")
			.append("---|".repeat(CorpusScores.Field.values().length))
			.append('\n');
		StringBuilder details = new StringBuilder();
		for (CorpusScores.PaperScore score : scores) {
			table.append("| ")
				.append(score.paper().file())
				.append(" | ")
				.append(score.paper().set().isEmpty() ? "first six" : score.paper().set())
				.append(" | ")
				.append(layoutKind(score.paper()));
			for (CorpusScores.Field field : CorpusScores.Field.values()) {
				String cell = score.right().get(field) ? "right" : "**wrong**";
				if (field == CorpusScores.Field.REFERENCE_COUNT) {
					cell += " (" + score.referenceCount() + ")";
				}
				if (field == CorpusScores.Field.SAMPLED_REFERENCES) {
					cell += " (" + score.sampledRight() + "/" + score.sampled() + ")";
				}
				table.append(" | ").append(cell);
			}
			table.append(" |\n");
			if (!score.wrong().isEmpty()) {
				details.append("- ").append(score.paper().file()).append('\n');
				score.wrong().forEach((line) -> details.append("  - ").append(line).append('\n'));
			}
		}

		// review flags: of the wrong metadata fields, how many the flags name; of the
		// right
		// ones, how many they name needlessly
		StringBuilder flags = new StringBuilder(
				"| field | wrong | wrong and flagged | right | right but flagged |\n|---|---:|---:|---:|---:|\n");
		int[] all = new int[4];
		for (CorpusScores.Field field : CorpusScores.Field.METADATA) {
			int[] counts = new int[4];
			for (CorpusScores.PaperScore score : scores) {
				boolean isRight = score.right().get(field);
				boolean isFlagged = score.flagged().contains(field);
				counts[isRight ? 2 : 0]++;
				if (isFlagged) {
					counts[isRight ? 3 : 1]++;
				}
			}
			for (int i = 0; i < 4; i++) {
				all[i] += counts[i];
			}
			flags.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", field.label, counts[0], counts[1],
					counts[2], counts[3]));
		}
		flags.append(String.format(Locale.ROOT, "| **all** | **%d** | **%d** | **%d** | **%d** |%n", all[0], all[1],
				all[2], all[3]));

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

		String report = "# Extraction quality\n\n"
				+ "Generated by `ExtractionQualityReport` (pdf-monitor tests, `bench/extraction.sh`) on "
				+ LocalDate.now() + ", Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
				+ " CPUs, over all " + papers.size() + " papers of `shared/corpus/truth.json` (the first six) and "
				+ "`shared/corpus/wide/truth.json` (the wide set).\n\n"
				+ "Each field is compared with the truth after Unicode NFKC and whitespace collapsing, exactly "
				+ "(authors as an ordered list, case-insensitively, as the wide set's README asks; the reference count "
				+ "must be in `reference_count_accept`; a sampled reference is right when its title (null where the style "
				+ "prints none), first-author surname and year all match, and the sampled references count one per entry). "
				+ "A DOI or year where the paper prints none must be null. Targets are those of issue 17.\n\n"
				+ "## Per field\n\n" + fields + "\n## Per layout kind\n\n" + kinds + "\n## Per paper\n\n" + table + "\n"
				+ (details.isEmpty() ? "" : "Wrong fields:\n\n" + details + "\n") + "## Review flags\n\n"
				+ "A metadata field is flagged for review (`needsReview` in the API, `needs-review` in the note) when "
				+ "its confidence is below " + ReviewFlags.CONFIDENCE_BELOW + " or it is missing although a citation "
				+ "needs it (" + String.join(", ", ReviewFlags.NEEDED) + "). Caught: " + all[1] + " of " + all[0]
				+ " wrong fields; flagged needlessly: " + all[3] + " of " + all[2] + " right ones.\n\n" + flags
				+ "\n## Throughput\n\n" + "Load from memory plus extraction, best of " + MEASURED_ROUNDS
				+ " rounds after " + WARM_UP_ROUNDS
				+ " warm-up rounds, single thread. Bare PDFBox is `PDFTextStripper.getText` with default "
				+ "settings. Target: Thoth at ≥ 25 % of bare PDFBox throughput (ratio ≥ 0.25).\n\n" + timing;
		Path out = Path.of(System.getProperty("user.dir"))
			.resolve("../bench/results/extraction-quality.md")
			.normalize();
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		assertThat(ratio).as("Thoth's throughput relative to bare PDFBox").isGreaterThanOrEqualTo(0.25);
	}

	/** The layout kind a paper's truth describes: one-column, two-column or thesis. */
	static String layoutKind(Corpus.Truth paper) {
		String layout = (paper.layout() != null) ? paper.layout() : "";
		if (layout.contains("thesis")) {
			return "thesis";
		}
		return layout.contains("two-column") ? "two-column" : "one-column";
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

}
