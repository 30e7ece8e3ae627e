package dev.thoth.pdfmonitor.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises personal names and lists of them. */
final class Names {

	private static final Pattern HONORIFIC = Pattern
		.compile("^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Assoc\\. Prof|Asst\\. Prof)\\.?\\s+");

	/**
	 * Affiliation and footnote marks glued to a name: "Bolejko1,2", "Jung''", "Smith∗".
	 */
	private static final Pattern MARKS = Pattern
		.compile("(?<=\\p{L}\\.?)(?:\\d+(?:,\\d+)*|[∗*†‡§¶'’\"”⋆])+(?=\\s|$|,)");

	/**
	 * Affiliation and footnote marks set apart from a name, as superscripts often come
	 * out: "Guo 1, 2, 3, 4, ∗ and", "Berardi 1,", "Lapi 1".
	 */
	private static final Pattern SPACED_MARKS = Pattern.compile(
			"(?<=\\p{L}\\.?)\\s+(?:[\\d∗*†‡§¶⋆#]{1,2}\\s*,\\s*)*[\\d∗*†‡§¶⋆#]{1,2}(?=\\s*(?:,|;|$|\\band\\b|&))",
			Pattern.CASE_INSENSITIVE);

	/** Marks glued to a name with commas between them: "SHEIKHAHMADI1,∗,". */
	private static final Pattern GLUED_MARKS = Pattern.compile(
			"(?<=\\p{L})(?:[\\d∗*†‡§¶⋆]{1,2},)*[\\d∗*†‡§¶⋆]{1,2}(?=\\s*(?:,|;|$|\\s+(?:and|&)\\b))",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern SEPARATORS = Pattern.compile("\\s*(?:,|;|\\band\\b|&|\\bund\\b)\\s*",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WORD = Pattern
		.compile("\\p{Lu}[\\p{Ll}\\p{Lo}'’]+(?:-(?:\\p{Lu}?[\\p{Ll}'’]+|(?:Mc|Mac)\\p{Lu}\\p{Ll}+))*\\.?");

	private static final Pattern WORD_CAMEL = Pattern.compile("(?:Mc|Mac|O'|O’|D'|D’)\\p{Lu}\\p{Ll}+");

	private static final Pattern INITIAL = Pattern.compile("(?:\\p{Lu}\\.?-?){1,3}|\\p{Lu}\\p{Ll}?\\.");

	private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "do", "du", "la",
			"le", "del", "della", "dos", "das", "ten", "ter", "y", "bin", "al", "el", "zu", "St.");

	private static final Set<String> NOT_NAMES = Set.of("university", "universität", "department", "institute",
			"school", "laboratory", "lab", "center", "centre", "faculty", "college", "research", "abstract",
			"introduction", "keywords", "email", "e-mail", "street", "avenue", "road", "journal", "proceedings",
			"conference", "workshop", "received", "accepted", "published", "the", "of", "for", "in", "on", "with",
			"corporation", "inc", "ltd", "gmbh", "group", "sciences", "science", "physics", "engineering", "technology",
			"national", "international", "report", "notes", "press", "computer", "computing", "information", "system",
			"systems", "software", "data", "theory", "section", "chapter", "figure", "table", "model", "models",
			"process", "method", "methods", "analysis", "approach", "solutions", "algorithm", "algorithms", "networks",
			"learning");

	private Names() {
	}

	/**
	 * The names in a line that holds only names, or null when the line holds anything
	 * else.
	 */
	static List<String> parseAuthorLine(String line) {
		String text = TextCleaner.collapse(line);
		if (text.isEmpty() || text.contains("@") || text.contains("://") || text.contains("www.")) {
			return null;
		}
		text = GLUED_MARKS.matcher(text).replaceAll("");
		text = SPACED_MARKS.matcher(text).replaceAll("");
		text = MARKS.matcher(text).replaceAll("");
		text = text.replaceAll("[\\p{Cc}\\p{Co}\\uFFFD]", "");
		if (capitals(text)) {
			// set in capitals by the document class: "AMIR SHEIKHAHMADI"
			text = titleCase(text);
		}
		text = text.replaceAll("(?<=\\s|^)[∗*†‡§¶⋆]+(?=\\s|$)", " ").strip();
		text = text.replaceAll(",\\s*$", "");
		if (text.matches(".*\\d.*")) {
			return null;
		}
		List<String> names = new ArrayList<>();
		for (String part : SEPARATORS.split(text)) {
			String name = HONORIFIC.matcher(part.strip()).replaceFirst("").strip();
			if (name.isEmpty()) {
				continue;
			}
			if (!isFullName(name)) {
				return null;
			}
			names.add(name);
		}
		return names.isEmpty() ? null : names;
	}

	/** Whether a text's letters are all capitals (and there are enough to tell). */
	static boolean capitals(String text) {
		int upper = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLowerCase(c)) {
				return false;
			}
			if (Character.isUpperCase(c)) {
				upper++;
			}
		}
		return upper >= 4;
	}

	/** "MOHAMMAD A. NEMATBAKHSH AND" → "Mohammad A. Nematbakhsh and". */
	static String titleCase(String text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean start = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append(start ? c : Character.toLowerCase(c));
			start = !Character.isLetter(c) && c != '\'' && c != '’';
		}
		return out.toString().replaceAll("\\bAnd\\b", "and");
	}

	/**
	 * A given-name-first full name of two to five tokens: "Pierre-François Dutot", "A. V.
	 * Fishkin".
	 */
	static boolean isFullName(String name) {
		String[] tokens = name.split("\\s+");
		if (tokens.length < 2 || tokens.length > 5) {
			return false;
		}
		if (Affiliations.isAffiliation(name)) {
			return false; // "South Africa", "Vrije Universiteit Amsterdam", "One
							// Microsoft Way"
		}
		int words = 0;
		for (String token : tokens) {
			if (NOT_NAMES.contains(token.toLowerCase(Locale.ROOT).replaceAll("[.,]$", ""))
					|| Affiliations.isInstitutionWord(token)) {
				return false;
			}
			if (token.matches(".*-\\p{Ll}.*")) {
				return false; // "Fifth-order", "Water-wave": not a name
			}
			if (WORD.matcher(token).matches() || WORD_CAMEL.matcher(token).matches()) {
				words++;
			}
			else if (!INITIAL.matcher(token).matches() && !PARTICLES.contains(token)) {
				return false;
			}
		}
		return words >= 1 && Character.isLetter(tokens[tokens.length - 1].charAt(0))
				&& (words >= 2 || !INITIAL.matcher(tokens[tokens.length - 1]).matches());
	}

	/**
	 * A name token as printed in references: a surname or given name, maybe hyphenated.
	 */
	static boolean isNameWord(String token) {
		return WORD.matcher(token).matches() || WORD_CAMEL.matcher(token).matches()
				|| token.matches("\\p{Lu}\\p{Ll}+-\\p{Lu}\\p{Ll}+");
	}

	static boolean isInitials(String token) {
		return INITIAL.matcher(token).matches() || token.matches("(?:\\p{Lu}\\.){1,3}(?:-\\p{Lu}\\.)?")
				|| token.matches("\\p{Lu}-\\p{Ll}");
	}

	static boolean isParticle(String token) {
		return PARTICLES.contains(token);
	}

	/**
	 * The surname of a name as printed in a reference list: "Bar-Haim, R." → Bar-Haim,
	 * "F. Afrati" → Afrati, "Perlmutter S" → Perlmutter, "Michael E McGrath" → McGrath.
	 */
	static String surname(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String text = name.strip();
		int comma = text.indexOf(',');
		if (comma > 0) {
			return text.substring(0, comma).strip();
		}
		String[] tokens = text.split("\\s+");
		List<String> words = new ArrayList<>();
		int firstWord = -1;
		int lastWord = -1;
		for (int i = 0; i < tokens.length; i++) {
			if (!isInitials(tokens[i]) && !isParticle(tokens[i])) {
				words.add(tokens[i]);
				if (firstWord < 0) {
					firstWord = i;
				}
				lastWord = i;
			}
		}
		if (words.isEmpty()) {
			return tokens[tokens.length - 1];
		}
		if (firstWord == 0 && lastWord < tokens.length - 1) {
			// "Perlmutter S", "Riess A G": surname first, initials after
			return String.join(" ", words);
		}
		// the surname is the last word, with any particles before it
		int start = lastWord;
		while (start > 0 && isParticle(tokens[start - 1])) {
			start--;
		}
		return String.join(" ", java.util.Arrays.asList(tokens).subList(start, lastWord + 1));
	}

}
