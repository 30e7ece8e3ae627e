package dev.thoth.pdfmonitor.lookup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;

/**
 * How a CrossRef record and the metadata printed on the paper combine, field by field.
 * <ul>
 * <li>A field CrossRef has no value for stays as printed.</li>
 * <li>A field the paper does not print is taken from CrossRef, recorded as
 * {@value #CROSSREF} with the confidence of the {@link Match}.</li>
 * <li>A field on which both agree keeps its printed value and source; its confidence
 * rises to the match's, as two independent sources now say the same.</li>
 * <li>A field on which they differ stays as printed when it was read with high confidence
 * (at least {@value #HIGH}). A less certain one is corrected from CrossRef, but only when
 * the record was found by the DOI printed on the paper: a title search may have found
 * another edition of the work (preprint, proceedings, journal).</li>
 * <li>Keywords are only ever filled, never corrected: CrossRef's subjects are categories
 * of the journal, not of the paper, and so get at most {@value #SUBJECTS}.</li>
 * <li>The arXiv id is CrossRef's to neither give nor take.</li>
 * </ul>
 */
final class MetadataMerge {

	static final String CROSSREF = "crossref";

	/** Printed fields read at least this confidently win over CrossRef. */
	static final double HIGH = 0.7;

	/** The most a CrossRef subject list is trusted as the paper's keywords. */
	static final double SUBJECTS = 0.5;

	/** How the CrossRef record was found, which says how far it is trusted. */
	enum Match {

		/** By the DOI printed on the paper, and the record names the same work. */
		PRINTED_DOI(0.95, true, "printed DOI"),

		/**
		 * By a bibliographic search whose result's title matches: likely the work, but
		 * its DOI is less certain than one printed on the paper (0.9).
		 */
		TITLE_SEARCH(0.75, false, "title search");

		final double confidence;

		final boolean corrects;

		final String label;

		Match(double confidence, boolean corrects, String label) {
			this.confidence = confidence;
			this.corrects = corrects;
			this.label = label;
		}

	}

	/**
	 * The merged metadata and what happened to each field.
	 *
	 * @param metadata the metadata to file
	 * @param taken fields whose value now comes from CrossRef
	 * @param confirmed fields whose printed value CrossRef agrees with
	 */
	record Merged(ExtractedMetadata metadata, List<String> taken, List<String> confirmed) {

	}

	private MetadataMerge() {
	}

	static Merged merge(ExtractedMetadata printed, WorkRecord work, Match match) {
		Fields fields = new Fields(printed.sources(), match);
		String title = fields.merge(ExtractedMetadata.TITLE, printed.title(), fullTitle(work),
				(a, b) -> sameTitle(a, work));
		List<String> authors = fields.merge(ExtractedMetadata.AUTHORS, printed.authors(), work.authors(),
				(a, b) -> sameAuthors(a, work.families()));
		Integer year = fields.merge(ExtractedMetadata.YEAR, printed.year(), work.year(), Objects::equals);
		String doi = fields.merge(ExtractedMetadata.DOI, printed.doi(), work.doi(), String::equalsIgnoreCase);
		String venue = fields.merge(ExtractedMetadata.VENUE, printed.venue(), work.venue(), MetadataMerge::sameText);
		String abstractText = fields.merge(ExtractedMetadata.ABSTRACT, printed.abstractText(), work.abstractText(),
				MetadataMerge::sameText);
		List<String> keywords = printed.keywords();
		if (keywords.isEmpty() && !work.subjects().isEmpty()) {
			keywords = work.subjects();
			fields.take(ExtractedMetadata.KEYWORDS, Math.min(SUBJECTS, match.confidence));
		}
		ExtractedMetadata merged = new ExtractedMetadata(title, authors, year, doi, printed.arxivId(), venue,
				abstractText, keywords, fields.sources);
		return new Merged(merged, List.copyOf(fields.taken), List.copyOf(fields.confirmed));
	}

	/** The title as CrossRef would print it: with its subtitle, if it keeps one apart. */
	static String fullTitle(WorkRecord work) {
		if (work.title() == null || work.subtitle() == null || sameText(work.title(), work.subtitle())) {
			return work.title();
		}
		return work.title() + ": " + work.subtitle();
	}

	/** The printed title is the record's, with or without its subtitle. */
	static boolean sameTitle(String printed, WorkRecord work) {
		return sameText(printed, work.title()) || sameText(printed, fullTitle(work));
	}

	/** The same names in the same order, judged by the family names CrossRef keeps. */
	static boolean sameAuthors(List<String> printed, List<String> families) {
		if (printed.size() != families.size()) {
			return false;
		}
		for (int i = 0; i < printed.size(); i++) {
			if (!hasFamilyName(printed.get(i), families.get(i))) {
				return false;
			}
		}
		return true;
	}

	/** "Pierre-François Dutot" has the family name "Dutot"; so has "P.-F. Dutot". */
	static boolean hasFamilyName(String name, String family) {
		String normalizedName = Paper.normalizeTitle(name);
		String normalizedFamily = Paper.normalizeTitle(family);
		return normalizedName != null && normalizedFamily != null
				&& (normalizedName.equals(normalizedFamily) || normalizedName.endsWith(" " + normalizedFamily));
	}

	/** Equal once case, accents, punctuation and spacing are set aside. */
	static boolean sameText(String a, String b) {
		String left = Paper.normalizeTitle(a);
		return left != null && left.equals(Paper.normalizeTitle(b));
	}

	/** The sources as they are being rewritten, and a log of what changed. */
	private static final class Fields {

		final Map<String, FieldSource> sources;

		final Match match;

		final List<String> taken = new ArrayList<>();

		final List<String> confirmed = new ArrayList<>();

		Fields(Map<String, FieldSource> printed, Match match) {
			this.sources = new LinkedHashMap<>(printed);
			this.match = match;
		}

		<T> T merge(String field, T printed, T crossref, BiPredicate<T, T> same) {
			if (missing(crossref)) {
				return printed;
			}
			FieldSource source = this.sources.get(field);
			if (missing(printed) || source == null) {
				take(field, this.match.confidence);
				return crossref;
			}
			if (same.test(printed, crossref)) {
				if (this.match.confidence > source.confidence()) {
					this.sources.put(field, new FieldSource(source.source(), this.match.confidence));
				}
				this.confirmed.add(field);
				return printed;
			}
			if (source.confidence() < HIGH && this.match.corrects) {
				take(field, this.match.confidence);
				return crossref;
			}
			return printed;
		}

		void take(String field, double confidence) {
			this.sources.put(field, new FieldSource(CROSSREF, confidence));
			this.taken.add(field);
		}

		private static boolean missing(Object value) {
			return value == null || (value instanceof String text && text.isBlank())
					|| (value instanceof List<?> list && list.isEmpty());
		}

	}

}
