package dev.thoth.pdfmonitor.workspace;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SafeFileNamesTests {

	@TempDir
	Path temp;

	@Test
	void hostileNamesLoseTheirPathsAndOddCharacters() {
		assertThat(SafeFileNames.sanitize("../../etc/passwd", "x")).isEqualTo("passwd");
		assertThat(SafeFileNames.sanitize("..\\..\\windows\\system32", "x")).isEqualTo("system32");
		assertThat(SafeFileNames.sanitize("a; rm -rf / #.pdf", "x")).isEqualTo("pdf");
		assertThat(SafeFileNames.sanitize("a; rm -rf #.pdf", "x")).isEqualTo("a-rm-rf-.pdf");
		assertThat(SafeFileNames.sanitize("$(reboot)`id`.pdf", "x")).matches("[A-Za-z0-9._-]+");
		assertThat(SafeFileNames.sanitize("Über Größe — naïve.pdf", "x")).isEqualTo("Uber-Gro-e-naive.pdf");
		assertThat(SafeFileNames.sanitize("...", "fallback")).isEqualTo("fallback");
		assertThat(SafeFileNames.sanitize("x".repeat(500), "f")).hasSize(120);
	}

	@Test
	void movingNeverReplacesAnExistingFile() throws Exception {
		Path target = Files.createDirectory(this.temp.resolve("papers"));
		Files.writeString(target.resolve("paper.pdf"), "first");
		Path incoming = Files.writeString(this.temp.resolve("incoming"), "second");
		Path moved = SafeFileNames.moveWithoutOverwriting(incoming, target, "paper", ".pdf");
		assertThat(moved.getFileName().toString()).isEqualTo("paper-2.pdf");
		assertThat(Files.readString(target.resolve("paper.pdf"))).isEqualTo("first");
		assertThat(Files.readString(moved)).isEqualTo("second");
		assertThat(incoming).doesNotExist();
	}

}
