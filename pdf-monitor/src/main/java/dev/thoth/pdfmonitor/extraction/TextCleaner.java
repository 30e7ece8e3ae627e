package dev.thoth.pdfmonitor.extraction;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Character- and line-level repairs: ligatures, compatibility characters, diacritics set
 * as separate glyphs, end-of-line hyphenation and whitespace.
 */
final class TextCleaner {

	private static final Map<Character, String> SPACING_TO_COMBINING = Map.ofEntries(Map.entry('\u00B4', "\u0301"),
			Map.entry('`', "\u0300"), Map.entry('\u02C6', "\u0302"), Map.entry('^', "\u0302"),
			Map.entry('\u02DC', "\u0303"), Map.entry('~', "\u0303"), Map.entry('\u00A8', "\u0308"),
			Map.entry('\u02DA', "\u030A"), Map.entry('\u00B8', "\u0327"), Map.entry('\u02C7', "\u030C"),
			Map.entry('\u02D8', "\u0306"), Map.entry('\u02D9', "\u0307"), Map.entry('\u02DD', "\u030B"),
			Map.entry('\u00AF', "\u0304"), Map.entry('\u02DB', "\u0328"));

	/**
	 * First halves of compounds that keep their hyphen at a line break ("self-\nadjoint"
	 * stays "self-adjoint").
	 */
	private static final Set<String> COMPOUND_PREFIXES = Set.of("self", "non", "well", "cross", "state", "real", "high",
			"low", "long", "short", "two", "three", "four", "multi", "semi", "quasi", "pseudo", "anti", "half", "large",
			"small", "user", "market", "peer", "rule", "task", "trade", "built", "fine", "cost");

	private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u202F\\u205F\\u3000]+");

	private static final Pattern LINE_END_HYPHEN = Pattern.compile("(\\p{L}+)[-\\u00AD\\u2010]$");

	private static final Pattern LINE_START_WORD = Pattern.compile("^(\\p{L}+)");

	private TextCleaner() {
	}

	/**
	 * Repairs the text of one glyph: ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ), full-width forms and odd
	 * spaces go through NFKC, control characters are dropped; everything else
	 * (superscripts, symbols) is left alone.
	 */
	static String glyph(String unicode) {
		if (unicode == null || unicode.isEmpty()) {
			return "";
		}
		StringBuilder out = null;
		for (int i = 0; i < unicode.length(); i++) {
			char c = unicode.charAt(i);
			if (Character.isISOControl(c)) {
				// Unmapped glyphs come out as NUL and other controls, which no text store
				// accepts.
				if (out == null) {
					out = new StringBuilder(unicode.length()).append(unicode, 0, i);
				}
			}
			else if (needsCompatibility(c)) {
				if (out == null) {
					out = new StringBuilder(unicode.length() + 2).append(unicode, 0, i);
				}
				out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : unicode;
	}

	private static boolean needsCompatibility(char c) {
		return (c >= '\uFB00' && c <= '\uFB06') || (c >= '\uFF01' && c <= '\uFF5E') || c == '\u00A0'
				|| (c >= '\u2000' && c <= '\u200A') || c == '\u2024' || c == '\u2025' || c == '\u2026' || c == '\u0132'
				|| c == '\u0133' || c == '\u013F' || c == '\u0140' || c == '\u01C4' || c == '\u01C5' || c == '\u01C6'
				|| c == '\u01C7' || c == '\u01C8' || c == '\u01C9' || c == '\u01CA' || c == '\u01CB' || c == '\u01CC';
	}

	/** Whether a glyph is a diacritic set on its own (as TeX does with accents). */
	static boolean isDiacritic(String text) {
		if (text.length() != 1) {
			return false;
		}
		char c = text.charAt(0);
		return SPACING_TO_COMBINING.containsKey(c) && c != '^' && c != '~' && c != '`'
				|| Character.getType(c) == Character.NON_SPACING_MARK;
	}

	/** Combines a base letter with a diacritic glyph, as NFC. */
	static String combine(String base, String diacritic) {
		char d = diacritic.charAt(0);
		String combining = SPACING_TO_COMBINING.getOrDefault(d, diacritic);
		String letter = base.replace('\u0131', 'i').replace('\u0237', 'j');
		return Normalizer.normalize(letter + combining, Normalizer.Form.NFC);
	}

	/**
	 * A preposition run together with "the", as OCR layers read narrow spaces: "forthe",
	 * "ofthe". No English word is made that way.
	 */
	private static final Pattern RUN_TOGETHER = Pattern
		.compile("\\b([Ff]or|[Oo]f|[Ii]n|[Tt]o|[Oo]n|[Aa]t|[Bb]y|[Ff]rom|[Ww]ith|[Aa]nd|[Ii]s|[Aa]s)(the)\\b");

	/** Splits words that OCR ran together ({@link #RUN_TOGETHER}). */
	static String separateRunTogether(String text) {
		return RUN_TOGETHER.matcher(text).replaceAll("$1 $2");
	}

	/** Collapses runs of whitespace to one space and trims. */
	static String collapse(String text) {
		return SPACES.matcher(text).replaceAll(" ").strip();
	}

	/** NFKC plus collapsed whitespace: the form in which strings are compared. */
	static String comparable(String text) {
		return (text != null) ? collapse(Normalizer.normalize(text, Normalizer.Form.NFKC)) : null;
	}

	/**
	 * Joins lines into running text, repairing end-of-line hyphenation.
	 * @param lines the lines, in order
	 * @param separator what to put between lines that are not hyphenated
	 * @param vocabulary words seen elsewhere in the document (lower case), used to decide
	 * whether a hyphen is real; may be empty
	 */
	static String joinLines(List<String> lines, String separator, Set<String> vocabulary) {
		StringBuilder out = new StringBuilder();
		for (String raw : lines) {
			String line = collapse(raw);
			if (line.isEmpty()) {
				continue;
			}
			if (out.isEmpty()) {
				out.append(line);
				continue;
			}
			int hyphen = hyphenationPoint(out, line, vocabulary);
			if (hyphen == DROP_HYPHEN) {
				out.setLength(out.length() - 1);
				out.append(line);
			}
			else if (hyphen == KEEP_HYPHEN) {
				out.append(line);
			}
			else {
				out.append(separator).append(line);
			}
		}
		return out.toString();
	}

	private static final int NO_HYPHEN = 0;

	private static final int DROP_HYPHEN = 1;

	private static final int KEEP_HYPHEN = 2;

	private static int hyphenationPoint(CharSequence previous, String next, Set<String> vocabulary) {
		int start = Math.max(0, previous.length() - 60);
		String tail = previous.subSequence(start, previous.length()).toString();
		Matcher end = LINE_END_HYPHEN.matcher(tail);
		if (tail.matches("(?s).*\\d[-\u2013]$") && Character.isDigit(next.charAt(0))) {
			return KEEP_HYPHEN; // a number range: "101-\n112"
		}
		if (!end.find()) {
			return NO_HYPHEN;
		}
		char hyphen = tail.charAt(tail.length() - 1);
		String first = end.group(1);
		Matcher begin = LINE_START_WORD.matcher(next);
		if (!begin.find()) {
			// "101-\n112", "-\n(": a real hyphen or dash, kept and joined
			return Character.isDigit(next.charAt(0)) ? KEEP_HYPHEN : NO_HYPHEN;
		}
		if (hyphen == '\u00AD') {
			return DROP_HYPHEN;
		}
		String second = begin.group(1);
		if (Character.isUpperCase(second.charAt(0))) {
			return KEEP_HYPHEN;
		}
		String joined = (first + second).toLowerCase(java.util.Locale.ROOT);
		String hyphenated = (first + "-" + second).toLowerCase(java.util.Locale.ROOT);
		if (vocabulary.contains(hyphenated) && !vocabulary.contains(joined)) {
			return KEEP_HYPHEN;
		}
		if (vocabulary.contains(joined)) {
			return DROP_HYPHEN;
		}
		if (COMPOUND_PREFIXES.contains(first.toLowerCase(java.util.Locale.ROOT)) && second.length() > 3) {
			return KEEP_HYPHEN;
		}
		return DROP_HYPHEN;
	}

}
