package dev.thoth.discovery.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.thoth.discovery.sources.WorkIds;

/**
 * The keys a work is recognised by, strongest first: DOI (its own or its preprint's),
 * arXiv id without version, PMID, then normalised title + first author's surname + year.
 * The source-specific ids (Semantic Scholar, OpenAlex) also join records of one source.
 */
public final class WorkKeys {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private WorkKeys() {
	}

	public static List<String> of(WorkIds ids, String title, List<String> authors, Integer year) {
		List<String> keys = new ArrayList<>();
		if (ids.doi() != null) {
			keys.add("doi:" + ids.doi());
		}
		if (ids.preprintDoi() != null) {
			keys.add("doi:" + ids.preprintDoi());
		}
		if (ids.arxivId() != null) {
			keys.add("arxiv:" + ids.arxivId());
		}
		if (ids.pmid() != null) {
			keys.add("pmid:" + ids.pmid());
		}
		if (ids.semanticScholarId() != null) {
			keys.add("s2:" + ids.semanticScholarId());
		}
		if (ids.openAlexId() != null) {
			keys.add("openalex:" + ids.openAlexId());
		}
		String titleKey = titleKey(title, authors, year);
		if (titleKey != null) {
			keys.add("title:" + titleKey);
		}
		return keys;
	}

	/**
	 * "title words|surname|year": lower case, accents and punctuation gone; null when the
	 * title is too short to tell papers apart or the year or authors are unknown.
	 */
	public static String titleKey(String title, List<String> authors, Integer year) {
		String normalised = normalise(title);
		if (normalised == null || normalised.length() < 12 || year == null || authors == null || authors.isEmpty()) {
			return null;
		}
		String surname = surname(authors.get(0));
		return (surname == null) ? null : normalised + "|" + surname + "|" + year;
	}

	public static String normalise(String text) {
		if (text == null) {
			return null;
		}
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT);
		String words = NOT_WORD.matcher(folded).replaceAll(" ").strip();
		return words.isEmpty() ? null : words;
	}

	/** "Smith, J." and "John Smith" are both Smith. */
	static String surname(String author) {
		if (author == null || author.isBlank()) {
			return null;
		}
		String name = author.contains(",") ? author.substring(0, author.indexOf(',')) : author;
		String[] parts = normalise(name) != null ? normalise(name).split(" ") : new String[0];
		if (parts.length == 0) {
			return null;
		}
		return author.contains(",") ? parts[0] : parts[parts.length - 1];
	}

}
