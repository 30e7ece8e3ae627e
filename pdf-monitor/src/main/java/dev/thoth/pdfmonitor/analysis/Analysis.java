package dev.thoth.pdfmonitor.analysis;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Thoth says about a paper, whether a model wrote it or the offline analyzer: the
 * same fields either way, so notes and the API need not care which. No list repeats a
 * statement: items that say the same ({@link #sameness}: case, spacing and punctuation
 * aside) are kept once, the first time.
 *
 * @param summary a few sentences on what the paper does
 * @param keyPoints the most telling statements
 * @param methodology how the work was done
 * @param results what it found
 * @param limitations what it does not cover or could not show
 * @param contributions what it adds
 * @param tags topic tags, lower case
 * @param analyzer who wrote it: {@code offline} or the model's name
 */
public record Analysis(String summary, List<String> keyPoints, List<String> methodology, List<String> results,
		List<String> limitations, List<String> contributions, List<String> tags, String analyzer) {

	public Analysis {
		keyPoints = distinct(keyPoints);
		methodology = distinct(methodology);
		results = distinct(results);
		limitations = distinct(limitations);
		contributions = distinct(contributions);
		tags = distinct(tags);
	}

	/**
	 * What a statement says, for telling repeats apart: compatibility forms folded, lower
	 * case, every run of spaces and punctuation one space.
	 */
	public static String sameness(String statement) {
		return Normalizer.normalize(statement, Normalizer.Form.NFKC)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.strip();
	}

	private static List<String> distinct(List<String> items) {
		Map<String, String> first = new LinkedHashMap<>();
		for (String item : items) {
			first.putIfAbsent(sameness(item), item);
		}
		return List.copyOf(first.values());
	}

}
