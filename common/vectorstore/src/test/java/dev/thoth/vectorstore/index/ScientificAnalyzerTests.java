package dev.thoth.vectorstore.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScientificAnalyzerTests {

	private final Analyzer analyzer = new ScientificAnalyzer();

	@Test
	void numbersStayWholeAndAreNotStemmed() throws IOException {
		assertThat(tokens("f-measures of 0.64 and 0.61 in 1998")).containsExactly("f", "measur", "0.64", "0.61",
				"1998");
	}

	@Test
	void hyphenatedWordsAreTheirParts() throws IOException {
		assertThat(tokens("kink-typed Navarro-Frenk-White")).containsExactly("kink", "type", "navarro", "frenk",
				"white");
	}

	@Test
	void greekLettersAreSpeltOut() throws IOException {
		assertThat(tokens("α-helix")).isEqualTo(tokens("alpha helix"));
		assertThat(tokens("Ω and ω")).containsExactly("omega", "omega");
		assertThat(tokens("Λ-CDM")).containsExactly("lambda", "cdm");
	}

	@Test
	void stemsStopWordsPossessivesAndAccents() throws IOException {
		assertThat(tokens("accelerations")).isEqualTo(tokens("accelerating"));
		assertThat(tokens("the Lemaître's model of the universe")).containsExactly("lemaitr", "model", "univers");
		// Question words are stop words too: a question ranks by what it asks about.
		assertThat(tokens("how do we know what is fixed and why")).containsExactly("know", "fix");
	}

	@Test
	void namesAreWholeWords() throws IOException {
		List<String> names = new ArrayList<>();
		try (Analyzer names1 = new NameAnalyzer();
				TokenStream stream = names1.tokenStream("authors", "Kurt Gödel De Vries")) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				names.add(term.toString());
			}
			stream.end();
		}
		assertThat(names).containsExactly("kurt", "godel", "de", "vries");
	}

	private List<String> tokens(String text) throws IOException {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = this.analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		return tokens;
	}

}
