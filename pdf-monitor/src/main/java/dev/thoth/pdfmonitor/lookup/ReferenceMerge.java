package dev.thoth.pdfmonitor.lookup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.pdfmonitor.extraction.Reference;
import dev.thoth.pdfmonitor.lookup.MetadataMerge.Match;

/**
 * How a record of a cited work and a parsed reference combine, and which records are the
 * reference's at all.
 * <ul>
 * <li>A record found by the reference's own DOI is its work when its title or first
 * author agrees with the parsed ones (or nothing was parsed to doubt it by): then it
 * fills missing fields and corrects disagreeing ones (a year only when more than
 * {@value #YEAR_TOLERANCE} off), as the DOI names the work.</li>
 * <li>A record found by title is the reference's when its title is close, its year is
 * within {@value #YEAR_TOLERANCE} of the printed one, and its first author has the parsed
 * first author's surname (with no authors parsed, only an identical title counts); and no
 * other record with another DOI qualifies as well. It only fills what was not parsed:
 * DOI, venue, authors.</li>
 * <li>Each field filled or corrected records its source and the match's confidence.</li>
 * </ul>
 */
final class ReferenceMerge {

	/** A cited work's year is printed, so editions a year apart are the most allowed. */
	static final int YEAR_TOLERANCE = 1;

	private ReferenceMerge() {
	}

	/** The record found by a reference's DOI names the work the reference parsed. */
	static boolean sameWork(Reference reference, WorkRecord work) {
		if (reference.title() == null && reference.authors().isEmpty()) {
			return true;
		}
		return (reference.title() != null
				&& MetadataLookup.titleSimilarity(reference.title(), work) >= MetadataLookup.TITLE_SIMILARITY)
				|| firstAuthorAgrees(reference, work);
	}

	/**
	 * The title-search results that are this reference's work: one, or it is ambiguous.
	 */
	static List<WorkRecord> matches(Reference reference, List<WorkRecord> results) {
		List<WorkRecord> matches = new ArrayList<>();
		for (WorkRecord work : results) {
			if (work.doi() == null || work.title() == null || work.year() == null
					|| matches.stream().anyMatch((match) -> match.doi().equalsIgnoreCase(work.doi()))) {
				continue;
			}
			double similarity = MetadataLookup.titleSimilarity(reference.title(), work);
			boolean authorAgrees = reference.authors().isEmpty() ? similarity == 1.0
					: firstAuthorAgrees(reference, work);
			boolean yearAgrees = reference.year() != null && Math.abs(reference.year() - work.year()) <= YEAR_TOLERANCE;
			if (similarity >= MetadataLookup.TITLE_SIMILARITY && authorAgrees && yearAgrees) {
				matches.add(work);
			}
		}
		return matches;
	}

	/** The record's first author has the surname of the reference's first author. */
	static boolean firstAuthorAgrees(Reference reference, WorkRecord work) {
		String surname = reference.firstAuthorSurname();
		if (surname == null || work.authors().isEmpty()) {
			return false;
		}
		return MetadataMerge.sameText(surname, work.families().getFirst())
				|| MetadataMerge.hasFamilyName(work.authors().getFirst(), surname);
	}

	/**
	 * The reference completed from the record, and the names of the fields that changed.
	 * @param source the record's source ("crossref", "openalex")
	 */
	static Merged merge(Reference reference, WorkRecord work, Match match, String source) {
		Map<String, FieldSource> sources = new LinkedHashMap<>(reference.sources());
		List<String> changed = new ArrayList<>();
		FieldSource from = new FieldSource(source, match.confidence);
		String title = reference.title();
		String fullTitle = MetadataMerge.fullTitle(work);
		if (fullTitle != null && (title == null || (match.corrects && !MetadataMerge.sameTitle(title, work)))) {
			title = fullTitle;
			record("title", from, sources, changed);
		}
		List<String> authors = reference.authors();
		if (!work.authors().isEmpty()
				&& (authors.isEmpty() || (match.corrects && !firstAuthorAgrees(reference, work)))) {
			authors = work.authors();
			record("authors", from, sources, changed);
		}
		Integer year = reference.year();
		// A year one off is the print and the online edition, not an error.
		if (work.year() != null
				&& (year == null || (match.corrects && Math.abs(year - work.year()) > YEAR_TOLERANCE))) {
			year = work.year();
			record("year", from, sources, changed);
		}
		String venue = reference.venue();
		if (work.venue() != null
				&& (venue == null || (match.corrects && !MetadataMerge.sameText(venue, work.venue())))) {
			venue = work.venue();
			record("venue", from, sources, changed);
		}
		String doi = reference.doi();
		if (doi == null && work.doi() != null) {
			doi = work.doi();
			record("doi", from, sources, changed);
		}
		Reference merged = new Reference(reference.position(), reference.label(), reference.raw(), authors, title, year,
				venue, doi, reference.arxivId(), sources);
		return new Merged(merged, List.copyOf(changed));
	}

	private static void record(String field, FieldSource from, Map<String, FieldSource> sources, List<String> changed) {
		sources.put(field, from);
		changed.add(field);
	}

	/**
	 * A reference after a lookup.
	 *
	 * @param reference the reference, completed
	 * @param changed the fields filled or corrected
	 */
	record Merged(Reference reference, List<String> changed) {

	}

}
