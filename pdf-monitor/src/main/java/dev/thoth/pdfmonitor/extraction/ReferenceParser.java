package dev.thoth.pdfmonitor.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.vectorstore.RunningLines;

/**
 * Finds the reference list of a paper, splits it into entries (numbered "[1]", "1.",
 * "(1)" or author-year) and parses what each entry prints: authors, title, year, venue,
 * DOI, arXiv id. Physics styles print no titles, and then none is made up. Also finds the
 * citation markers in the body and links them to the entries.
 */
public class ReferenceParser {

	private static final Pattern HEADING = Pattern.compile(
			"^(?:\\d+\\.?\\s*|[IVX]+\\.\\s*)?(?:references|bibliography|literatur|literature|literaturverzeichnis|works cited|references and notes|cited references|literature cited)\\s*:?$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern END = Pattern.compile("^(?:[A-Z]\\.?\\s+)?(?:appendix|appendices|supplementary)\\b.*",
			Pattern.CASE_INSENSITIVE);

	private static final List<Pattern> NUMBERINGS = List.of(Pattern.compile("^\\[(\\d{1,3})\\]\\s*"),
			Pattern.compile("^(\\d{1,3})\\.\\s*(?=\\S)"), Pattern.compile("^\\((\\d{1,3})\\)\\s*"),
			Pattern.compile("^(\\d{1,3})\\s+(?=\\p{Lu})"));

	private static final Pattern FIRST_ENTRY = Pattern.compile("^\\[1\\]\\s*\\p{Lu}");

	private static final Pattern NOT_REFERENCE = Pattern
		.compile("^(?:fig\\.?|figure|table|acknowledg(?:e)?ments?)\\b.*", Pattern.CASE_INSENSITIVE);

	private static final Pattern YEAR = Pattern.compile("(?<![\\d/.:-])((?:1[89]|20)\\d\\d)[a-z]?(?![\\d])");

	private static final Pattern NOT_A_YEAR_BEFORE = Pattern
		.compile("(?i)(?:vol\\.?|volume|no\\.?|nr\\.?|pp\\.?|isbn:?|issn:?|pages?)\\s*$");

	private static final Pattern DOI = Pattern.compile("\\b(10\\.\\d{4,9}/[^\\s\"<>]+)");

	private static final Pattern ARXIV = Pattern
		.compile("(?i)arxiv\\s*:\\s*((?:\\d{4}\\.\\d{4,5}|[a-z\\-]+(?:\\.[a-z]{2})?/\\d{7})(?:v\\d+)?)");

	private static final Pattern QUOTED = Pattern.compile("[“”\"]([^“”\"]{4,})[”“\"]");

	private static final Pattern SURNAME_START = Pattern.compile("^\\p{Lu}[\\p{L}'’\\-]+,\\s*\\p{Lu}");

	/**
	 * A title set off by commas after the names, up to the next comma (before the venue,
	 * "in: …", "talk at …") or a parenthesised year.
	 */
	private static final Pattern COMMA_TITLE = Pattern.compile("^\\s*,\\s*([^,]+?)(?=,\\s|\\s+\\((?:19|20)\\d\\d\\))");

	/**
	 * Not a title but the journal: an abbreviated name ("Phys. Rev."), a name and volume
	 * ("Nature 123"), or a number.
	 */
	private static final Pattern JOURNAL_START = Pattern
		.compile("^\\s*(?:\\p{Lu}\\p{L}*\\.(?:\\s|\\p{Lu})|\\d|\\p{Lu}\\p{L}*\\s+\\d)|.*\\s\\p{Lu}?\\d+$");

	/** Where an entry says when or where a web page was read: its date is no year. */
	private static final Pattern ACCESS = Pattern.compile(
			"(?i)\\b(?:accessed|retrieved|last visited|available (?:at|from|online)|acesso em|acessado|consultado|abgerufen|dispon\\p{L}\\p{M}?vel)\\b");

	private static final Pattern BRACKET_CITATION = Pattern.compile("\\[(\\d{1,3}(?:\\s*[-–,]\\s*\\d{1,3})*)\\]");

	private static final Pattern PAREN_CITATION = Pattern.compile("\\(([^()]{3,200}?\\b(?:19|20)\\d\\d[a-z]?)\\)");

	private static final Pattern AUTHOR_YEAR = Pattern.compile(
			"^(?:see |e\\.g\\.,? |cf\\.? )?(\\p{Lu}[\\p{L}'’\\-]+)(?: et al\\.?| and \\p{Lu}[\\p{L}'’\\-]+| & \\p{Lu}[\\p{L}'’\\-]+)?,?\\s+((?:19|20)\\d\\d[a-z]?)$");

	public ParsedReferences parse(ExtractedText text) {
		List<LayoutLine> lines = withoutRunningHeaders(text);
		int heading = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (HEADING.matcher(lines.get(i).text()).matches()) {
				heading = i;
			}
		}
		int bodyStart = heading + 1;
		if (heading < 0) {
			// no heading (short notes, letters): the last "[1] Name…" starts the list
			bodyStart = -1;
			for (int i = 0; i < lines.size(); i++) {
				if (FIRST_ENTRY.matcher(lines.get(i).text()).lookingAt()) {
					bodyStart = i;
				}
			}
			if (bodyStart < 0) {
				return new ParsedReferences(List.of(), List.of());
			}
			heading = bodyStart;
		}
		List<LayoutLine> body = new ArrayList<>();
		for (int i = bodyStart; i < lines.size(); i++) {
			if (END.matcher(lines.get(i).text()).matches()) {
				break;
			}
			body.add(lines.get(i));
		}
		Set<String> vocabulary = TextExtractor.vocabulary(text.lines());
		List<Reference> references = new ArrayList<>();
		int position = 1;
		for (Entry entry : split(body)) {
			String raw = TextCleaner.joinLines(entry.lines, " ", vocabulary);
			if (!raw.isBlank()) {
				references.add(parseEntry(position++, entry.label, raw));
			}
		}
		List<CitationMarker> citations = citations(lines.subList(0, heading), references, vocabulary);
		return new ParsedReferences(references, citations);
	}

	private record Entry(String label, List<String> lines) {

	}

	/** The lines without running headers, footers and page numbers. */
	static List<LayoutLine> withoutRunningHeaders(ExtractedText text) {
		float height = (text.pageHeight() > 0) ? text.pageHeight() : 792;
		return RunningLines.without(text.lines(), LayoutLine::page, LayoutLine::text, (line) -> line.y() / height);
	}

	private static List<Entry> split(List<LayoutLine> body) {
		Pattern numbering = null;
		int bestHits = 1;
		for (Pattern candidate : NUMBERINGS) {
			int hits = 0;
			int expected = 1;
			for (LayoutLine line : body) {
				Matcher matcher = candidate.matcher(line.text());
				if (matcher.lookingAt()) {
					int number = Integer.parseInt(matcher.group(1));
					if (number >= expected && number <= expected + 2) {
						hits++;
						expected = number + 1;
					}
				}
			}
			if (hits > bestHits) {
				bestHits = hits;
				numbering = candidate;
			}
		}
		List<Entry> entries = new ArrayList<>();
		if (numbering != null) {
			int expected = 1;
			Entry current = null;
			LayoutLine previous = null;
			for (LayoutLine line : body) {
				Matcher matcher = numbering.matcher(line.text());
				boolean starts = false;
				if (matcher.lookingAt()) {
					int number = Integer.parseInt(matcher.group(1));
					if (number >= expected && number <= expected + 2) {
						current = new Entry(matcher.group(1), new ArrayList<>());
						entries.add(current);
						expected = number + 1;
						starts = true;
					}
				}
				if (!starts && current != null && previous != null
						&& (NOT_REFERENCE.matcher(line.text()).matches()
								|| ((line.column() != previous.column() || line.page() != previous.page())
										&& !line.text().matches(".*(?:\\p{L}{2}|(?:19|20)\\d\\d).*"))
								|| (line.page() == previous.page() && line.column() == previous.column()
										&& (line.y() - previous.y() > 2.2f * previous.fontSize()
												|| line.y() < previous.y())))) {
					current = null; // a caption or body text between entries
				}
				if (current != null) {
					current.lines.add(line.text());
					previous = line;
				}
			}
			return entries;
		}
		// author-year: hanging indents, or a new "Surname, X." after a full stop
		Map<Integer, Float> leftEdge = new HashMap<>();
		for (LayoutLine line : body) {
			leftEdge.merge(line.page() * 4 + line.column(), line.x(), Math::min);
		}
		Entry current = null;
		String previous = null;
		for (LayoutLine line : body) {
			float edge = leftEdge.get(line.page() * 4 + line.column());
			boolean atEdge = line.x() <= edge + 1.5f;
			boolean startsEntry = current == null || (atEdge && hangingIndents(body, leftEdge))
					|| (!hangingIndents(body, leftEdge) && previous != null && previous.endsWith(".")
							&& SURNAME_START.matcher(line.text()).find());
			if (startsEntry) {
				current = new Entry(null, new ArrayList<>());
				entries.add(current);
			}
			current.lines.add(line.text());
			previous = line.text();
		}
		return entries;
	}

	private static boolean hangingIndents(List<LayoutLine> body, Map<Integer, Float> leftEdge) {
		int indented = 0;
		int atEdge = 0;
		for (LayoutLine line : body) {
			float edge = leftEdge.get(line.page() * 4 + line.column());
			if (line.x() > edge + 5f && line.x() < edge + 40f) {
				indented++;
			}
			else if (line.x() <= edge + 1.5f) {
				atEdge++;
			}
		}
		return indented >= atEdge && atEdge >= 2;
	}

	/** Parses one entry. */
	static Reference parseEntry(int position, String label, String raw) {
		String body = raw;
		if (label != null) {
			for (Pattern numbering : NUMBERINGS) {
				Matcher matcher = numbering.matcher(body);
				if (matcher.lookingAt() && matcher.group(1).equals(label)) {
					body = body.substring(matcher.end());
					break;
				}
			}
		}
		body = body.strip().replace("et al..", "et al.");
		String doi = null;
		Matcher doiMatcher = DOI.matcher(body);
		if (doiMatcher.find()) {
			doi = doiMatcher.group(1).replaceAll("[.,;:)\\]]+$", "");
		}
		String arxiv = null;
		Matcher arxivMatcher = ARXIV.matcher(body);
		if (arxivMatcher.find()) {
			arxiv = arxivMatcher.group(1);
		}
		Integer year = year(body);
		List<String> authors = List.of();
		String title = null;
		String rest = null;
		Matcher quoted = QUOTED.matcher(body);
		Matcher yearAfterAuthors = Pattern.compile("^(.+?),?\\s+\\(?((?:19|20)\\d\\d)[a-z]?\\)?[.:]\\s+(.*)$")
			.matcher(body);
		int colon = body.indexOf(": ");
		int authorsEnd = authorsEnd(body);
		if (quoted.find() && (authors = nameList(body.substring(0, quoted.start()), false)) != null) {
			title = quoted.group(1).strip().replaceAll("[,.]$", "");
			rest = body.substring(quoted.end());
		}
		else if (yearAfterAuthors.matches() && (authors = nameList(yearAfterAuthors.group(1), true)) != null) {
			title = firstSentence(yearAfterAuthors.group(3));
			rest = afterFirstSentence(yearAfterAuthors.group(3));
		}
		else if (colon > 0 && (authors = nameList(body.substring(0, colon), true)) != null) {
			title = firstSentence(body.substring(colon + 2));
			rest = afterFirstSentence(body.substring(colon + 2));
		}
		else if (authorsEnd > 0 && (authors = nameList(body.substring(0, authorsEnd), true)) != null) {
			title = firstSentence(body.substring(authorsEnd + 1));
			rest = afterFirstSentence(body.substring(authorsEnd + 1));
		}
		else {
			// physics styles: names, then the journal; no title
			authors = leadingNames(body);
			Matcher quotedAlone = QUOTED.matcher(body);
			if (authors.isEmpty() && quotedAlone.find() && quotedAlone.group(1).strip().split("\\s+").length >= 3) {
				// no personal names (an organisation, a web site): the quoted title
				title = quotedAlone.group(1).strip().replaceAll("[,.]$", "");
				rest = body.substring(quotedAlone.end());
			}
			else if (authors.isEmpty()) {
				// no recognisable authors: a title-first entry ("The top500 organization
				// website.")
				title = firstSentence(body);
				rest = afterFirstSentence(body);
			}
			else {
				rest = body.substring(Math.min(body.length(), leadingNamesEnd(body)));
				// "Names, Title, Journal …": a title set off by commas, unless what
				// follows the names is already the journal ("Phys. Rev. D68")
				Matcher commaTitle = COMMA_TITLE.matcher(rest);
				if (commaTitle.lookingAt() && !JOURNAL_START.matcher(commaTitle.group(1)).lookingAt()) {
					title = commaTitle.group(1).strip();
					rest = rest.substring(commaTitle.end(1));
				}
			}
		}
		if (authors == null) {
			authors = List.of();
		}
		if (title != null && (title.split("\\s+").length < 2 || title.startsWith("http"))) {
			title = null;
		}
		return new Reference(position, label, raw, authors, title, year, venue(rest), doi, arxiv);
	}

	static Integer year(String body) {
		// a date after "available at …" or "accessed …" is when the page was read
		Matcher access = ACCESS.matcher(body);
		if (access.find()) {
			body = body.substring(0, access.start());
		}
		Matcher parenthesised = Pattern.compile("(?<![\\p{L}\\d])\\((?:[A-Za-z.]+\\s+)?((?:19|20)\\d\\d)[a-z]?\\)")
			.matcher(body);
		if (parenthesised.find()) {
			return Integer.valueOf(parenthesised.group(1));
		}
		Matcher matcher = YEAR.matcher(body);
		while (matcher.find()) {
			String before = body.substring(Math.max(0, matcher.start() - 8), matcher.start());
			if (!NOT_A_YEAR_BEFORE.matcher(before).find()) {
				return Integer.valueOf(matcher.group(1));
			}
		}
		return null;
	}

	/**
	 * Where an "F. Afrati, E. Bampis, and C. Kenyon." author list ends: the first full
	 * stop after a word.
	 */
	private static int authorsEnd(String body) {
		Matcher stop = Pattern.compile("(?<=\\p{L}{2}|\\p{L}[’'])\\.\\s").matcher(body);
		while (stop.find()) {
			String before = body.substring(0, stop.start());
			String lastToken = before.substring(before.lastIndexOf(' ') + 1);
			if (lastToken.equals("al") && before.endsWith(" et al") && body.length() > stop.end()
					&& Character.isUpperCase(body.charAt(stop.end()))) {
				return stop.start(); // "R. Brun et al. The Root User's Guide."
			}
			if (lastToken.equals("al") || lastToken.matches("\\p{Lu}\\p{Ll}?")) {
				continue;
			}
			return stop.start();
		}
		return -1;
	}

	/**
	 * The names in an author list ("Bar-Haim, R., Dagan, I. and Szpektor, I.", "Karlsson
	 * L, Dahlstedt G", "F. Afrati, and C. Kenyon"), or null when it is not one.
	 */
	static List<String> nameList(String text, boolean strict) {
		String list = TextCleaner.collapse(text).replaceAll("[,;:]+$", "").replaceAll("(?<=\\p{L}{2})\\.$", "").strip();
		list = list.replaceAll("\\s*\\bet al\\.?$", "").replaceAll("\\s*\\(eds?\\.?\\)$", "");
		if (list.isEmpty() || list.matches(".*\\d.*")) {
			return null;
		}
		String[] parts = list.split("\\s*,\\s*(?:and\\s+|&\\s+)?|\\s+and\\s+|\\s+&\\s+");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i].strip();
			if (part.isEmpty()) {
				continue;
			}
			String[] tokens = part.split("\\s+");
			if (!allNameTokens(tokens)) {
				return null;
			}
			boolean surnameOnly = tokens.length == 1 && Names.isNameWord(tokens[0]);
			if (surnameOnly && i + 1 < parts.length && isGiven(parts[i + 1].strip())) {
				names.add(part + ", " + parts[i + 1].strip());
				i++;
				continue;
			}
			if (tokens.length == 1 && (strict || Names.isInitials(tokens[0]))) {
				return null;
			}
			names.add(part);
		}
		return names.isEmpty() ? null : names;
	}

	private static boolean isGiven(String part) {
		String[] tokens = part.split("\\s+");
		if (tokens.length == 0 || tokens.length > 3) {
			return false;
		}
		boolean initials = true;
		for (String token : tokens) {
			initials &= Names.isInitials(token);
		}
		return initials || (tokens.length >= 2 && Names.isNameWord(tokens[0]) && Names.isInitials(tokens[1]));
	}

	private static boolean allNameTokens(String[] tokens) {
		int significant = 0;
		for (String token : tokens) {
			significant += Names.isParticle(token) ? 0 : 1;
		}
		if (significant > 5) {
			return false;
		}
		int words = 0;
		for (String token : tokens) {
			if (Names.isNameWord(token.replaceAll("\\.$", "")) && !token.endsWith(".")) {
				words++;
			}
			else if (!Names.isInitials(token) && !Names.isParticle(token)) {
				return false;
			}
		}
		return words <= 3;
	}

	private static List<String> leadingNames(String body) {
		List<String> names = new ArrayList<>();
		for (String part : body.split("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+")) {
			String cleaned = part.replaceAll("(?i)\\s*\\([^()]*\\bcollaboration\\)$", "")
				.replaceAll("\\s*\\bet al\\.?$", "")
				.strip();
			List<String> one = nameList(cleaned, false);
			if (one == null || one.size() != 1 || cleaned.split("\\s+").length < 2) {
				break;
			}
			names.add(one.get(0));
		}
		return names;
	}

	private static int leadingNamesEnd(String body) {
		List<String> names = leadingNames(body);
		if (names.isEmpty()) {
			return 0;
		}
		String last = names.get(names.size() - 1);
		int at = body.indexOf(last);
		int end = (at >= 0) ? at + last.length() : 0;
		Matcher etAl = Pattern.compile("^\\s*et al\\.?").matcher(body.substring(end));
		if (etAl.find()) {
			end += etAl.end();
		}
		return end;
	}

	private static final Pattern SENTENCE_END = Pattern.compile(
			"(?<!\\b\\p{Lu})(?<!\\bvs)(?<!\\bet al)[.?!](?=\\s+(?:\\p{Lu}|In\\b|\\d|\\(|http|www)|\\s*$)|\\s+\\((?:19|20)\\d\\d\\)");

	private static String firstSentence(String text) {
		String body = text.strip();
		Matcher end = SENTENCE_END.matcher(body);
		String sentence = end.find() ? body.substring(0, end.start()) : body.replaceAll("[.]$", "");
		sentence = sentence.strip().replaceAll("[,;:]$", "");
		return sentence.isEmpty() ? null : sentence;
	}

	private static String afterFirstSentence(String text) {
		String body = text.strip();
		Matcher end = SENTENCE_END.matcher(body);
		return end.find() ? body.substring(end.end()).strip() : "";
	}

	private static String venue(String rest) {
		if (rest == null) {
			return null;
		}
		String venue = rest.strip()
			.replaceFirst("^[,.]\\s*", "")
			.replaceFirst("^(?:\\d{4}\\s+)", "")
			.replaceFirst("^In:?\\s+", "");
		Matcher cut = Pattern.compile(
				",\\s*(?:vol|pp|no|\\d)|\\s+\\d+[,(:]|\\s+\\d+\\s+\\d+|\\s*\\((?:\\d|[A-Z][a-z]{2} \\d)|\\.\\s|\\s+\\[")
			.matcher(venue);
		if (cut.find()) {
			venue = venue.substring(0, cut.start());
		}
		venue = venue.strip().replaceAll("[,.;:]$", "");
		return (venue.length() >= 3 && venue.matches(".*\\p{L}{2}.*")) ? venue : null;
	}

	private static List<CitationMarker> citations(List<LayoutLine> lines, List<Reference> references,
			Set<String> vocabulary) {
		Map<String, Integer> byLabel = new HashMap<>();
		for (Reference reference : references) {
			if (reference.label() != null) {
				byLabel.putIfAbsent(reference.label(), reference.position());
			}
		}
		List<CitationMarker> markers = new ArrayList<>();
		Map<Integer, List<String>> pages = new LinkedHashMap<>();
		for (LayoutLine line : lines) {
			pages.computeIfAbsent(line.page(), (page) -> new ArrayList<>()).add(line.text());
		}
		for (Map.Entry<Integer, List<String>> page : pages.entrySet()) {
			String text = TextCleaner.joinLines(page.getValue(), " ", vocabulary);
			if (!byLabel.isEmpty()) {
				Matcher bracket = BRACKET_CITATION.matcher(text);
				while (bracket.find()) {
					List<Integer> positions = new ArrayList<>();
					for (String part : bracket.group(1).split("\\s*,\\s*")) {
						String[] range = part.split("\\s*[-–]\\s*");
						int from = Integer.parseInt(range[0]);
						int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
						for (int n = from; n <= to && n - from < 50; n++) {
							Integer position = byLabel.get(String.valueOf(n));
							if (position != null) {
								positions.add(position);
							}
						}
					}
					markers.add(new CitationMarker(page.getKey(), bracket.group(), positions));
				}
			}
			Matcher paren = PAREN_CITATION.matcher(text);
			while (paren.find()) {
				List<Integer> positions = new ArrayList<>();
				boolean any = false;
				for (String part : paren.group(1).split("\\s*;\\s*")) {
					Matcher authorYear = AUTHOR_YEAR.matcher(part.strip());
					if (!authorYear.matches()) {
						continue;
					}
					any = true;
					for (Reference reference : references) {
						String surname = reference.firstAuthorSurname();
						if (surname != null && surname.equalsIgnoreCase(authorYear.group(1))
								&& reference.raw().contains(authorYear.group(2))) {
							positions.add(reference.position());
							break;
						}
					}
				}
				if (any) {
					markers.add(new CitationMarker(page.getKey(), paren.group(), positions));
				}
			}
		}
		return markers;
	}

}
