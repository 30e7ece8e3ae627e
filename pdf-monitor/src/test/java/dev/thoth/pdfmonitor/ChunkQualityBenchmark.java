package dev.thoth.pdfmonitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.thoth.pdfmonitor.extraction.ExtractedText;
import dev.thoth.pdfmonitor.extraction.PageText;
import dev.thoth.pdfmonitor.extraction.TextExtractor;
import dev.thoth.testsupport.TestCorpus;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Chunker;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (tag {@code benchmark}, excluded from the build; run
 * {@code bench/chunks.sh}): writes {@code bench/results/chunks.md}.
 * <p>
 * Every paper of the shared corpus (the six of {@code truth.json} and the eleven of
 * {@code wide/truth.json}) is read by the PDF monitor's {@link TextExtractor} and cut by
 * the real {@link Chunker} twice, in one run: <em>before</em>, as the pipeline did until
 * this change (every line of every page, no minimum section length), and <em>after</em>,
 * as it does now (the body text without running headers, footers and page numbers, and
 * sections shorter than the minimum joined to a neighbour). The table gives, per paper
 * and over the corpus, the chunks, the shortest chunk in words, the share of chunks under
 * 20 words, and the chunks whose text another chunk of the paper repeats exactly.
 */
@Tag("benchmark")
class ChunkQualityBenchmark {

	private static final int SHORT = 20;

	/** The chunker as it was: the same sizes, no minimum. */
	private static final Chunker BEFORE = new Chunker(250, 300, 40, 0);

	private static final Chunker AFTER = new Chunker();

	record Stats(int chunks, int shortest, int under, int repeated, String shortestText) {

		static Stats of(List<Chunk> chunks) {
			Chunk shortest = chunks.stream().min(Comparator.comparingInt(ChunkQualityBenchmark::words)).orElseThrow();
			Set<String> seen = new HashSet<>();
			int repeated = 0;
			for (Chunk chunk : chunks) {
				if (!seen.add(chunk.text())) {
					repeated++;
				}
			}
			return new Stats(chunks.size(), words(shortest),
					(int) chunks.stream().filter((chunk) -> words(chunk) < SHORT).count(), repeated, shortest.text());
		}

		String share() {
			return percent(this.under, this.chunks);
		}

	}

	record Row(String file, int pages, Stats before, Stats after) {
	}

	@Test
	void writeReport() throws IOException {
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.format(Instant.now().atOffset(ZoneOffset.UTC));
		List<Row> rows = new ArrayList<>();
		List<Chunk> allBefore = new ArrayList<>();
		List<Chunk> allAfter = new ArrayList<>();
		for (Path pdf : corpus()) {
			try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
				ExtractedText text = new TextExtractor().extract(document);
				UUID id = UUID.nameUUIDFromBytes(pdf.getFileName().toString().getBytes());
				List<Chunk> before = BEFORE.chunk(id, pages(text.pages()));
				List<Chunk> after = AFTER.chunk(id, pages(text.body()));
				allBefore.addAll(before);
				allAfter.addAll(after);
				rows.add(new Row(pdf.getFileName().toString(), text.pages().size(), Stats.of(before), Stats.of(after)));
			}
		}
		assertThat(rows).as("the 17 corpus papers").hasSize(17);
		Stats before = Stats.of(allBefore);
		Stats after = Stats.of(allAfter);
		String report = report(started, rows, before, after);
		Path out = Path.of(System.getProperty("user.dir")).resolve("../bench/results/chunks.md").normalize();
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
	}

	private static String report(String started, List<Row> rows, Stats before, Stats after) {
		StringBuilder md = new StringBuilder("# Passages: chunk length before and after\n\n");
		md.append("Measured ")
			.append(started)
			.append(" by `ChunkQualityBenchmark` (pdf-monitor tests, tag `benchmark`; run `bench/chunks.sh`), Java ")
			.append(Runtime.version())
			.append(".\n\n");
		md.append(
				"""
						Corpus: the %d papers of the shared test corpus (`truth.json` and `wide/truth.json`, %d pages), read by \
						the PDF monitor's `TextExtractor` and cut by the real `Chunker` (about 250 words, at most 300, 40 words \
						of overlap). *Before*: every line of every page, no minimum section length, as the pipeline chunked \
						until this change. *After*: the body text, without the running headers, footers and page numbers \
						`RunningLines` finds (lines at the top or bottom edge of their page that say the same on two pages or \
						more, digits aside), and sections shorter than %d words joined to a neighbour, as the pipeline chunks \
						now. Both from the same extraction in the same run. *Under %d*: chunks of fewer than %d words. \
						*Repeated*: chunks whose text another chunk of the same paper has word for word.

						"""
					.formatted(rows.size(), rows.stream().mapToInt(Row::pages).sum(), Chunker.MINIMUM_WORDS, SHORT,
							SHORT));
		md.append("## Over the corpus\n\n");
		md.append("| | chunks | shortest chunk (words) | chunks under 20 words | share under 20 words | repeated |\n");
		md.append("|---|---:|---:|---:|---:|---:|\n");
		md.append(total("before", before)).append(total("after", after)).append('\n');
		md.append("Shortest chunk before: `").append(excerpt(before.shortestText())).append("`; after: `");
		md.append(excerpt(after.shortestText())).append("`.\n\n");
		md.append("## By paper\n\n");
		md.append("| paper | pages | chunks before | chunks after | shortest before | shortest after "
				+ "| under 20 before | under 20 after | repeated before | repeated after |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Row row : rows) {
			md.append("| ")
				.append(row.file())
				.append(" | ")
				.append(row.pages())
				.append(cells(row, Stats::chunks))
				.append(cells(row, Stats::shortest))
				.append(" | ")
				.append(row.before().share())
				.append(" | ")
				.append(row.after().share())
				.append(cells(row, Stats::repeated))
				.append(" |\n");
		}
		md.append("""

				After the change no chunk is shorter than the minimum (%d words) but the whole text of a paper \
				shorter than that. Search quality over the same change: `retrieval-quality.md`, section "Chunking \
				before and after".
				""".formatted(Chunker.MINIMUM_WORDS));
		return md.toString();
	}

	private static String total(String name, Stats stats) {
		return "| " + name + " | " + stats.chunks() + " | " + stats.shortest() + " | " + stats.under() + " | "
				+ stats.share() + " | " + stats.repeated() + " |\n";
	}

	private static String cells(Row row, Function<Stats, Integer> value) {
		return " | " + value.apply(row.before()) + " | " + value.apply(row.after());
	}

	private static String percent(int part, int whole) {
		return String.format(Locale.ROOT, "%.1f %%", (whole == 0) ? 0.0 : 100.0 * part / whole);
	}

	private static String excerpt(String text) {
		String flat = text.replace('`', '\'').replaceAll("\\s+", " ");
		return (flat.length() > 80) ? flat.substring(0, 77) + "…" : flat;
	}

	private static int words(Chunk chunk) {
		return chunk.text().isBlank() ? 0 : chunk.text().strip().split("\\s+").length;
	}

	private static List<dev.thoth.vectorstore.PageText> pages(List<PageText> pages) {
		return pages.stream().map((page) -> new dev.thoth.vectorstore.PageText(page.number(), page.text())).toList();
	}

	/** The PDFs of both truth files, in their order. */
	private static List<Path> corpus() {
		Path root = TestCorpus.root();
		List<Path> pdfs = new ArrayList<>();
		for (Path folder : List.of(root, root.resolve("wide"))) {
			JsonNode truth = JsonMapper.builder().build().readTree(folder.resolve("truth.json").toFile());
			for (JsonNode paper : truth.get("papers")) {
				pdfs.add(folder.resolve("pdfs").resolve(paper.get("file").asString()));
			}
		}
		return pdfs;
	}

}
