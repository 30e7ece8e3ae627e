package dev.thoth.pdfmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared test corpus of real papers (../shared/corpus) and its hand-checked truth.
 */
public final class Corpus {

	public static final Path ROOT = locate();

	private Corpus() {
	}

	private static Path locate() {
		String configured = System.getProperty("thoth.corpus");
		Path root = (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("user.dir")).resolve("../../shared/corpus");
		root = root.toAbsolutePath().normalize();
		if (!Files.isDirectory(root.resolve("pdfs"))) {
			throw new IllegalStateException("The test corpus is not at " + root
					+ "; it lives in shared/corpus beside the repository (set -Dthoth.corpus to move it)");
		}
		return root;
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

	public static Path bad(String name) {
		return ROOT.resolve("bad").resolve(name);
	}

}
