package dev.thoth.discovery.ranking;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words as relevance compares them: lower case, accents folded, English stop words out,
 * plurals folded onto their singular ("networks" is "network").
 */
public final class Terms {

	private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can", "for",
			"from", "has", "have", "in", "into", "is", "it", "its", "of", "on", "or", "our", "that", "the", "their",
			"these", "this", "to", "was", "we", "were", "which", "with", "using", "based", "via", "between", "than",
			"not", "also", "been", "both", "but", "such", "they", "here", "show", "shows", "study", "results", "paper",
			"new", "two", "one", "may", "more", "most", "other", "over", "under", "how", "what", "when", "where",
			"while", "within", "without", "all", "each", "use", "used", "approach", "method", "methods");

	private Terms() {
	}

	public static List<String> of(String text) {
		List<String> terms = new ArrayList<>();
		if (text == null) {
			return terms;
		}
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT);
		for (String word : SPLIT.split(folded)) {
			if (word.length() < 2 || STOP.contains(word) || word.chars().allMatch(Character::isDigit)) {
				continue;
			}
			terms.add(stem(word));
		}
		return terms;
	}

	/** A light plural fold, enough to match a query's words in titles and abstracts. */
	static String stem(String word) {
		if (word.length() > 4 && word.endsWith("ies")) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.length() > 4 && word.endsWith("es")
				&& (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes"))) {
			return word.substring(0, word.length() - 2);
		}
		if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
				&& !word.endsWith("is")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

}
