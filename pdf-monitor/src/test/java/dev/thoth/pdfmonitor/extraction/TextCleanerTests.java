package dev.thoth.pdfmonitor.extraction;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTests {

	@Test
	void controlCharactersFromUnmappedGlyphsAreDropped() {
		assertThat(TextCleaner.glyph("\u0000")).isEmpty();
		assertThat(TextCleaner.glyph("a\u0000b\u0007")).isEqualTo("ab");
		assertThat(TextCleaner.glyph("\uFB01\u0000")).isEqualTo("fi");
	}

	@Test
	void ligaturesAreRepaired() {
		assertThat(TextCleaner.glyph("\uFB01")).isEqualTo("fi");
		assertThat(TextCleaner.glyph("\uFB02")).isEqualTo("fl");
		assertThat(TextCleaner.glyph("\uFB00")).isEqualTo("ff");
		assertThat(TextCleaner.glyph("\uFB03")).isEqualTo("ffi");
		assertThat(TextCleaner.glyph("\uFB04")).isEqualTo("ffl");
		assertThat(TextCleaner.glyph("e\uFB03cient")).isEqualTo("efficient");
	}

	@Test
	void compatibilityFormsAreNormalisedButSuperscriptsAndSymbolsKept() {
		assertThat(TextCleaner.glyph("\uFF21")).isEqualTo("A");
		assertThat(TextCleaner.glyph("\u00A0")).isEqualTo(" ");
		assertThat(TextCleaner.glyph("\u2026")).isEqualTo("...");
		assertThat(TextCleaner.glyph("²")).isEqualTo("²");
		assertThat(TextCleaner.glyph("∑")).isEqualTo("∑");
		assertThat(TextCleaner.glyph("é")).isEqualTo("é");
	}

	@Test
	void separateDiacriticsAreCombined() {
		assertThat(TextCleaner.isDiacritic("´")).isTrue();
		assertThat(TextCleaner.isDiacritic("a")).isFalse();
		assertThat(TextCleaner.combine("n", "´")).isEqualTo("ń");
		assertThat(TextCleaner.combine("\u0131", "ˆ")).isEqualTo("î");
		assertThat(TextCleaner.combine("a", "¨")).isEqualTo("ä");
	}

	@Test
	void endOfLineHyphenationIsRepaired() {
		assertThat(TextCleaner.joinLines(List.of("a new hyphen-", "ation scheme"), " ", Set.of()))
			.isEqualTo("a new hyphenation scheme");
		assertThat(TextCleaner.joinLines(List.of("fosters understand-", "ing while"), "\n", Set.of()))
			.isEqualTo("fosters understanding while");
	}

	@Test
	void realHyphensAreKept() {
		// the next line starts upper case
		assertThat(TextCleaner.joinLines(List.of("Exact Solitary-", "Wave Solutions"), " ", Set.of()))
			.isEqualTo("Exact Solitary-Wave Solutions");
		// a known first half of a compound
		assertThat(TextCleaner.joinLines(List.of("a self-", "adjoint operator"), " ", Set.of()))
			.isEqualTo("a self-adjoint operator");
		// the document prints the compound with a hyphen elsewhere
		assertThat(TextCleaner.joinLines(List.of("the solitary-", "wave solutions"), " ", Set.of("solitary-wave")))
			.isEqualTo("the solitary-wave solutions");
		// numbers: page ranges
		assertThat(TextCleaner.joinLines(List.of("pages 101-", "112."), " ", Set.of())).isEqualTo("pages 101-112.");
	}

	@Test
	void softHyphensAlwaysGo() {
		assertThat(TextCleaner.joinLines(List.of("fifth-order shal\u00AD", "low water"), " ", Set.of()))
			.isEqualTo("fifth-order shallow water");
	}

	@Test
	void whitespaceIsCollapsed() {
		assertThat(TextCleaner.collapse("  a \t b\u00A0\u2009c  ")).isEqualTo("a b c");
		assertThat(TextCleaner.joinLines(List.of("  one  ", "", " two "), " ", Set.of())).isEqualTo("one two");
	}

}
