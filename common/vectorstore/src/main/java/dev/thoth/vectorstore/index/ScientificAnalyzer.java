package dev.thoth.vectorstore.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.util.IOUtils;

/**
 * Words of scientific English, for passages, sections and titles: Unicode word breaks
 * (UAX #29: {@code 0.64}, {@code 3.5e-3} and {@code 1998} stay whole, {@code kink-typed}
 * is {@code kink typed}, so a hyphenated query word is searched as that phrase), Greek
 * letters spelt out ({@code α-helix} and {@code alpha helix} are the same words),
 * possessives and accents dropped ({@code Lemaître's} is {@code lemaitre}), English stop
 * words left out, and the Porter stemmer (the stems PostgreSQL's {@code english}
 * configuration used before: {@code accelerations} and {@code accelerating} meet at
 * {@code acceler}). Numbers are not stemmed: the stemmer leaves tokens without letters
 * alone.
 */
public final class ScientificAnalyzer extends Analyzer {

	/**
	 * Snowball's English stop words (the list PostgreSQL's {@code english} configuration
	 * uses), not Lucene's 33: question words such as "how", "what", "do" and "why" would
	 * otherwise make a question rank passages that merely hold them.
	 */
	static final CharArraySet STOP_WORDS = snowballStopWords();

	private static CharArraySet snowballStopWords() {
		try (InputStream in = SnowballFilter.class.getResourceAsStream("english_stop.txt");
				Reader list = IOUtils.getDecodingReader(Objects.requireNonNull(in, "english_stop.txt"),
						StandardCharsets.UTF_8)) {
			return CharArraySet.unmodifiableSet(WordlistLoader.getSnowballWordSet(list));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lucene's English stop word list is missing", ex);
		}
	}

	private static final NormalizeCharMap GREEK = greek();

	@Override
	protected Reader initReader(String fieldName, Reader reader) {
		return new MappingCharFilter(GREEK, reader);
	}

	@Override
	protected Reader initReaderForNormalization(String fieldName, Reader reader) {
		return new MappingCharFilter(GREEK, reader);
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		StandardTokenizer source = new StandardTokenizer();
		TokenStream stream = new EnglishPossessiveFilter(source);
		stream = new LowerCaseFilter(stream);
		stream = new ASCIIFoldingFilter(stream);
		stream = new StopFilter(stream, STOP_WORDS);
		stream = new PorterStemFilter(stream);
		return new TokenStreamComponents(source, stream);
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new ASCIIFoldingFilter(new LowerCaseFilter(in));
	}

	/** Each Greek letter, small and capital, as its English name. */
	private static NormalizeCharMap greek() {
		Map<String, String> names = Map.ofEntries(Map.entry("α", "alpha"), Map.entry("β", "beta"),
				Map.entry("γ", "gamma"), Map.entry("δ", "delta"), Map.entry("ε", "epsilon"), Map.entry("ϵ", "epsilon"),
				Map.entry("ζ", "zeta"), Map.entry("η", "eta"), Map.entry("θ", "theta"), Map.entry("ϑ", "theta"),
				Map.entry("ι", "iota"), Map.entry("κ", "kappa"), Map.entry("λ", "lambda"), Map.entry("μ", "mu"),
				Map.entry("µ", "mu"), Map.entry("ν", "nu"), Map.entry("ξ", "xi"), Map.entry("ο", "omicron"),
				Map.entry("π", "pi"), Map.entry("ρ", "rho"), Map.entry("σ", "sigma"), Map.entry("ς", "sigma"),
				Map.entry("τ", "tau"), Map.entry("υ", "upsilon"), Map.entry("φ", "phi"), Map.entry("ϕ", "phi"),
				Map.entry("χ", "chi"), Map.entry("ψ", "psi"), Map.entry("ω", "omega"));
		NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
		names.forEach((letter, name) -> {
			map.add(letter, name);
			String capital = letter.toUpperCase(java.util.Locale.ROOT);
			if (!capital.equals(letter) && !"µ".equals(letter) && !"ς".equals(letter) && !"ϵ".equals(letter)
					&& !"ϑ".equals(letter) && !"ϕ".equals(letter)) {
				map.add(capital, name);
			}
		});
		return map.build();
	}

}
