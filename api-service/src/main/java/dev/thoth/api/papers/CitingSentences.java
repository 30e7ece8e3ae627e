package dev.thoth.api.papers;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.clients.api.ReferenceView;

/**
 * Finds, on the pages where the pipeline saw a reference cited, the sentences that cite
 * it: a numeric marker that includes its label ("[3]", "[2-5]", "[1, 3]") or its first
 * author's surname with its year ("(Smith, 2001)", "Smith et al. (2001)").
 */
final class CitingSentences {

	/** A sentence longer than this is cut around its marker. */
	private static final int MAX_SENTENCE = 600;

	private static final Pattern BRACKET = Pattern.compile("\\[(\\d{1,3}(?:\\s*[-–,;]\\s*\\d{1,3})*)]");

	private static final Pattern LEADING_LABEL = Pattern.compile("^\\s*\\[?(\\d{1,3})[\\].)]\\s");

	private static final Pattern YEAR = Pattern.compile("\\b(1[5-9]\\d\\d|20\\d\\d)[a-z]?\\b");

	/** Words after which a period does not end a sentence. */
	private static final Set<String> ABBREVIATIONS = Set.of("al.", "fig.", "figs.", "e.g.", "i.e.", "cf.", "vs.", "eq.",
			"eqs.", "ref.", "refs.", "no.", "sec.", "ch.", "vol.", "pp.", "et.");

	private CitingSentences() {
	}

	/** A citing sentence and the marker found in it. */
	record Found(String sentence, String marker) {
	}

	static List<Found> in(String pageText, ReferenceView reference) {
		String label = label(reference);
		String surname = surname(reference);
		String year = year(reference);
		List<Found> found = new ArrayList<>();
		for (String sentence : sentences(pageText)) {
			String marker = numericMarker(sentence, label);
			if (marker == null && surname != null && year != null) {
				marker = authorYearMarker(sentence, surname, year);
			}
			if (marker != null) {
				found.add(new Found(around(sentence, marker), marker));
			}
		}
		return found;
	}

	/** The number the reference list prints for the entry, else its position. */
	static String label(ReferenceView reference) {
		Matcher leading = LEADING_LABEL.matcher(reference.raw());
		return leading.find() ? leading.group(1) : String.valueOf(reference.position());
	}

	private static String numericMarker(String sentence, String label) {
		int wanted = Integer.parseInt(label);
		Matcher bracket = BRACKET.matcher(sentence);
		while (bracket.find()) {
			for (String part : bracket.group(1).split("\\s*[,;]\\s*")) {
				String[] range = part.split("\\s*[-–]\\s*");
				int from = Integer.parseInt(range[0]);
				int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
				if (wanted >= from && wanted <= to && to - from < 100) {
					return bracket.group();
				}
			}
		}
		return null;
	}

	private static String authorYearMarker(String sentence, String surname, String year) {
		Matcher name = Pattern.compile("\\b" + Pattern.quote(surname) + "\\b").matcher(sentence);
		while (name.find()) {
			// The year follows the name closely: "Smith, 2001", "Smith et al. (2001)".
			int end = Math.min(sentence.length(), name.end() + 40);
			Matcher years = YEAR.matcher(sentence.substring(name.end(), end));
			while (years.find()) {
				if (years.group(1).equals(year)) {
					return sentence.substring(name.start(), name.end() + years.end());
				}
			}
		}
		return null;
	}

	private static String surname(ReferenceView reference) {
		if (reference.authors() == null || reference.authors().isEmpty()) {
			return null;
		}
		String first = reference.authors().getFirst().strip();
		String surname = first.contains(",") ? first.substring(0, first.indexOf(',')).strip()
				: first.substring(first.lastIndexOf(' ') + 1);
		return (surname.length() >= 2 && Character.isLetter(surname.charAt(0))) ? surname : null;
	}

	private static String year(ReferenceView reference) {
		if (reference.year() != null) {
			return String.valueOf(reference.year());
		}
		Matcher year = YEAR.matcher(reference.raw());
		return year.find() ? year.group(1) : null;
	}

	/** The page's text as sentences, line breaks joined, hyphenation left as printed. */
	static List<String> sentences(String pageText) {
		String text = pageText.replaceAll("-\\n(?=\\p{Ll})", "").replaceAll("\\s+", " ").strip();
		BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		breaks.setText(text);
		List<String> sentences = new ArrayList<>();
		StringBuilder pending = new StringBuilder();
		for (int start = breaks.first(),
				end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
			pending.append(text, start, end);
			String soFar = pending.toString().strip();
			String lastWord = soFar.substring(soFar.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
			if (ABBREVIATIONS.contains(lastWord) && end < text.length()) {
				continue;
			}
			sentences.add(soFar);
			pending.setLength(0);
		}
		if (!pending.isEmpty()) {
			sentences.add(pending.toString().strip());
		}
		return sentences;
	}

	private static String around(String sentence, String marker) {
		if (sentence.length() <= MAX_SENTENCE) {
			return sentence;
		}
		int at = Math.max(0, sentence.indexOf(marker));
		int from = Math.max(0, at - MAX_SENTENCE / 2);
		int to = Math.min(sentence.length(), from + MAX_SENTENCE);
		return ((from > 0) ? "… " : "") + sentence.substring(from, to).strip() + ((to < sentence.length()) ? " …" : "");
	}

}
