package dev.thoth.domain.workspace;

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
	void hostileUploadNamesBecomeSafeFileNames() {
		for (String hostile : new String[] { "../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "a\u0000b.pdf",
				"$(reboot) `id` | cat > x; & <y>.pdf", "\u202Efdp.exe", "x".repeat(10_000) + ".pdf", ".hidden.pdf",
				"-rf.pdf", "CON", "Ünïcødé 論文 — ∑.pdf", "" }) {
			String name = SafeFileNames.sanitize(SafeFileNames.withoutPdfExtension(hostile), "upload");
			assertThat(name).as(hostile).matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,119}").doesNotContain("..");
		}
		assertThat(SafeFileNames.sanitize("Ünïcødé 論文 — ∑", "upload")).isEqualTo("Unic-de");
		assertThat(SafeFileNames.sanitize("論文", "upload")).isEqualTo("upload");
	}

	@Test
	void readableNamesKeepLettersButNoPathsControlsOrFormatting() {
		assertThat(SafeFileNames.readable("../../etc/passwd.pdf", "u")).isEqualTo("passwd.pdf");
		assertThat(SafeFileNames.readable("C:\\Users\\me\\paper.pdf", "u")).isEqualTo("paper.pdf");
		assertThat(SafeFileNames.readable("a\u0000b\r\n.pdf", "u")).isEqualTo("ab.pdf");
		assertThat(SafeFileNames.readable("\u202Efdp.exe", "u")).isEqualTo("fdp.exe");
		assertThat(SafeFileNames.readable("Über Größe — 論文.pdf", "u")).isEqualTo("Über Größe — 論文.pdf");
		assertThat(SafeFileNames.readable("x".repeat(10_000), "u")).hasSize(255);
		assertThat(SafeFileNames.readable("😀".repeat(300), "u")).hasSize(510);
		assertThat(SafeFileNames.readable("..", "u")).isEqualTo("u");
		assertThat(SafeFileNames.readable("dir/", "u")).isEqualTo("u");
		assertThat(SafeFileNames.readable(null, "u")).isEqualTo("u");
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
