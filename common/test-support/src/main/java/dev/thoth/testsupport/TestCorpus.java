package dev.thoth.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared test corpus of real papers lives: {@code -Dthoth.corpus}, which the
 * build sets, or shared/corpus beside the repository.
 */
public final class TestCorpus {

	private TestCorpus() {
	}

	public static Path root() {
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

}
