package dev.thoth.mcp.synthesis;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Sentences of extracted text, and how many of a topic's words a sentence holds. */
public final class Sentences {

	private static final Set<String> STOP = Set.of("the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "with",
			"is", "are", "was", "were", "be", "by", "as", "at", "that", "this", "it", "from", "what", "how", "which");

	private Sentences() {
	}

	public static List<String> of(String text) {
		String flat = text.replaceAll("-\\n(?=\\p{Ll})", "").replaceAll("\\s+", " ").strip();
		BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		breaks.setText(flat);
		List<String> sentences = new ArrayList<>();
		for (int start = breaks.first(),
				end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
			String sentence = flat.substring(start, end).strip();
			// Headings, page numbers and table debris are not sentences worth quoting.
			if (sentence.length() >= 40 && sentence.length() <= 600
					&& sentence.chars().filter(Character::isLetter).count() > sentence.length() / 2) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	public static Set<String> words(String text) {
		Set<String> words = new LinkedHashSet<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() > 2 && !STOP.contains(word)) {
				words.add(word);
			}
		}
		return words;
	}

	/** The share of the topic's words in the sentence. */
	public static double overlap(Set<String> topic, String sentence) {
		if (topic.isEmpty()) {
			return 0;
		}
		Set<String> words = words(sentence);
		return topic.stream().filter(words::contains).count() / (double) topic.size();
	}

	/**
	 * The sentence of the text that holds most of the topic's words (the first on a tie).
	 */
	public static String best(String text, Set<String> topic) {
		String best = null;
		double score = -1;
		for (String sentence : of(text)) {
			double overlap = overlap(topic, sentence);
			if (overlap > score) {
				best = sentence;
				score = overlap;
			}
		}
		return (best != null) ? best : text.replaceAll("\\s+", " ").strip();
	}

}
