package dev.thoth.vectorstore.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Authors' names: whole words, lower-cased, accents dropped ({@code Gödel} is
 * {@code godel}), never stemmed or left out as stop words ({@code De}, {@code Van}).
 * Authors of one paper are a position gap apart, so a phrase never spans two of them.
 */
final class NameAnalyzer extends Analyzer {

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		StandardTokenizer source = new StandardTokenizer();
		TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
		return new TokenStreamComponents(source, stream);
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new ASCIIFoldingFilter(new LowerCaseFilter(in));
	}

	@Override
	public int getPositionIncrementGap(String fieldName) {
		return 100;
	}

}
