package dev.thoth.pdfmonitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.thoth.testsupport.TestCorpus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared test corpus of real papers (../shared/corpus) and its hand-checked truth:
 * the first six papers ({@code truth.json}, {@code pdfs/}) and the wide set of eleven
 * more layouts ({@code wide/truth.json}, {@code wide/pdfs/}), in the same schema.
 */
public final class Corpus {

	public static final Path ROOT = TestCorpus.root();

	private Corpus() {
	}

	public record Paper(String file, String title, int pages, String sha256) {

		public Path path() {
			return ROOT.resolve("pdfs").resolve(this.file);
		}

	}

	public static List<Paper> papers() {
		JsonNode truth = JsonMapper.builder().build().readTree(ROOT.resolve("truth.json").toFile());
		List<Paper> papers = new ArrayList<>();
		for (JsonNode paper : truth.get("papers")) {
			papers.add(new Paper(paper.get("file").asString(), paper.get("title").asString(),
					paper.get("pages").asInt(), paper.get("sha256").asString()));
		}
		return papers;
	}

	/** One sampled reference entry of the truth. */
	public record SampledReference(int position, String title, String firstAuthor, Integer year, String raw) {

	}

	/** The two sets of the corpus, each a folder with its truth and its PDFs. */
	public static final List<String> SETS = List.of("", "wide");

	/**
	 * The full truth of one paper.
	 *
	 * @param set the corpus set: "" for the first six papers, "wide" for the wide set
	 * @param layout the layout kind as the truth describes it
	 */
	public record Truth(String set, String file, String title, List<String> authors, Integer year, String doi,
			String venue, String abstractFirstSentence, int pages, List<Integer> referenceCountAccept,
			List<SampledReference> referencesSample, String arxivId, String layout) {

		public Path path() {
			return ROOT.resolve(this.set).resolve("pdfs").resolve(this.file);
		}

		@Override
		public String toString() {
			return this.file;
		}

	}

	/** The truth of every paper of both sets: the first six, then the wide set. */
	public static List<Truth> truths() {
		List<Truth> truths = new ArrayList<>();
		for (String set : SETS) {
			truths.addAll(truths(set));
		}
		return truths;
	}

	/** The truth of the papers of one set ("" or "wide"). */
	public static List<Truth> truths(String set) {
		JsonNode truth = JsonMapper.builder().build().readTree(ROOT.resolve(set).resolve("truth.json").toFile());
		List<Truth> truths = new ArrayList<>();
		for (JsonNode paper : truth.get("papers")) {
			List<String> authors = new ArrayList<>();
			paper.get("authors").forEach((author) -> authors.add(author.asString()));
			List<Integer> accept = new ArrayList<>();
			paper.get("reference_count_accept").forEach((count) -> accept.add(count.asInt()));
			List<SampledReference> sample = new ArrayList<>();
			for (JsonNode entry : paper.get("references_sample")) {
				sample.add(new SampledReference(entry.get("position").asInt(), text(entry, "title"),
						text(entry, "first_author"), integer(entry, "year"), text(entry, "raw")));
			}
			truths
				.add(new Truth(set, paper.get("file").asString(), text(paper, "title"), authors, integer(paper, "year"),
						text(paper, "doi"), text(paper, "venue"), text(paper, "abstract_first_sentence"),
						paper.get("pages").asInt(), accept, sample, text(paper, "arxiv_id"), text(paper, "layout")));
		}
		return truths;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static Integer integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asInt();
	}

	public static Path bad(String name) {
		return ROOT.resolve("bad").resolve(name);
	}

}
