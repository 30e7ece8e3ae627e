package dev.thoth.pdfmonitor.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.thoth.domain.papers.Paper;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.lookup.CrossrefClient.CrossrefException;
import dev.thoth.pdfmonitor.lookup.MetadataMerge.Match;
import dev.thoth.pdfmonitor.lookup.MetadataMerge.Merged;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Completes a paper's printed metadata from CrossRef when online lookups are on: by the
 * DOI printed on the paper, else (or when CrossRef does not know that DOI) by a
 * bibliographic search for its title and first author. A search result is used only when
 * its title matches closely, its first author is one of the paper's, its year is near,
 * and no other result matches as well: a missing DOI is better than a wrong one. CrossRef
 * failing never fails the job; the paper keeps what was printed on it.
 */
public class MetadataLookup {

	private static final Log log = LogFactory.getLog(MetadataLookup.class);

	/** Results asked of a bibliographic search. */
	static final int SEARCH_ROWS = 3;

	/** How alike (0 to 1, after normalisation) two titles must be to be the same. */
	static final double TITLE_SIMILARITY = 0.92;

	/** Editions of one work (preprint, proceedings, journal) differ by a year or two. */
	static final int YEAR_TOLERANCE = 2;

	/**
	 * What the lookup stage did.
	 *
	 * @param status the stage status: DONE (a record was used), NOT_FOUND, FAILED or
	 * SKIPPED
	 * @param metadata the metadata to file: merged with CrossRef's, or as printed
	 * @param message what was taken and confirmed, or why nothing was
	 */
	public record Result(String status, ExtractedMetadata metadata, String message) {

	}

	private final boolean enabled;

	private final CrossrefClient crossref;

	private final MeterRegistry meters;

	MetadataLookup(LookupProperties properties, CrossrefClient crossref, MeterRegistry meters) {
		this.enabled = properties.enabled();
		this.crossref = crossref;
		this.meters = meters;
	}

	public Result lookUp(ExtractedMetadata printed) {
		if (!this.enabled) {
			return new Result("SKIPPED", printed, "online lookups are off");
		}
		if (printed.doi() == null && printed.title() == null) {
			return new Result("SKIPPED", printed, "no DOI or title to look CrossRef up by");
		}
		try {
			String notByDoi = "";
			if (printed.doi() != null) {
				Optional<WorkRecord> work = this.crossref.work(printed.doi());
				if (work.isPresent() && sameWork(printed, work.get())) {
					return found(printed, work.get(), Match.PRINTED_DOI);
				}
				if (work.isPresent()) {
					// Likely a cited paper's DOI printed on page 1: nothing of it is
					// this paper's.
					return notFound(printed, "the printed DOI " + printed.doi()
							+ " is CrossRef's record of another work, \"" + work.get().title() + "\"");
				}
				notByDoi = "CrossRef has no record of the printed DOI " + printed.doi();
				if (printed.title() == null) {
					return notFound(printed, notByDoi);
				}
				notByDoi += "; ";
			}
			List<WorkRecord> results = this.crossref.search(query(printed), SEARCH_ROWS);
			List<WorkRecord> matches = matches(printed, results);
			if (matches.size() == 1) {
				return found(printed, matches.getFirst(), Match.TITLE_SEARCH);
			}
			return notFound(printed,
					notByDoi + (matches.isEmpty()
							? "none of CrossRef's " + results.size() + " search results matches the title"
							: matches.size() + " CrossRef search results match the title, so none is taken"));
		}
		catch (CrossrefException ex) {
			return failed(printed, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// An answer this code did not expect must not cost the paper.
			log.warn("CrossRef lookup of \"" + printed.title() + "\" failed", ex);
			return failed(printed, "CrossRef lookup failed: " + ex);
		}
	}

	/** Title and first author, as CrossRef's bibliographic query expects a citation. */
	static String query(ExtractedMetadata printed) {
		return printed.authors().isEmpty() ? printed.title() : printed.title() + " " + printed.authors().getFirst();
	}

	/**
	 * The record of a printed DOI is this paper's if its title or its first author
	 * agrees; with neither printed there is nothing to doubt the DOI by.
	 */
	static boolean sameWork(ExtractedMetadata printed, WorkRecord work) {
		if (printed.title() == null && printed.authors().isEmpty()) {
			return true;
		}
		return (printed.title() != null && titleSimilarity(printed.title(), work) >= TITLE_SIMILARITY)
				|| firstAuthorAgrees(printed.authors(), work);
	}

	/**
	 * The search results that are this paper, at most one unless CrossRef is ambiguous.
	 */
	static List<WorkRecord> matches(ExtractedMetadata printed, List<WorkRecord> results) {
		List<WorkRecord> matches = new ArrayList<>();
		for (WorkRecord work : results) {
			if (work.doi() == null || work.title() == null
					|| matches.stream().anyMatch((match) -> match.doi().equalsIgnoreCase(work.doi()))) {
				continue;
			}
			double similarity = titleSimilarity(printed.title(), work);
			boolean authorsComparable = !printed.authors().isEmpty() && !work.families().isEmpty();
			boolean authorAgrees = authorsComparable ? firstAuthorAgrees(printed.authors(), work) : similarity == 1.0;
			boolean yearAgrees = printed.year() == null || work.year() == null
					|| Math.abs(printed.year() - work.year()) <= YEAR_TOLERANCE;
			if (similarity >= TITLE_SIMILARITY && authorAgrees && yearAgrees) {
				matches.add(work);
			}
		}
		return matches;
	}

	/** CrossRef's first author is one of the paper's (extraction may misorder them). */
	static boolean firstAuthorAgrees(List<String> printedAuthors, WorkRecord work) {
		return !work.families().isEmpty() && printedAuthors.stream()
			.anyMatch((name) -> MetadataMerge.hasFamilyName(name, work.families().getFirst()));
	}

	/**
	 * 1 minus the edit distance over the longer length, of the normalised titles; the
	 * better of the record's title with and without its subtitle.
	 */
	static double titleSimilarity(String printed, WorkRecord work) {
		String a = Paper.normalizeTitle(printed);
		if (a == null) {
			return 0;
		}
		double best = 0;
		for (String candidate : new String[] { work.title(), MetadataMerge.fullTitle(work) }) {
			String b = Paper.normalizeTitle(candidate);
			if (b != null) {
				best = Math.max(best, 1.0 - (double) editDistance(a, b) / Math.max(a.length(), b.length()));
			}
		}
		return best;
	}

	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private Result found(ExtractedMetadata printed, WorkRecord work, Match match) {
		Merged merged = MetadataMerge.merge(printed, work, match);
		count("found");
		return new Result("DONE", merged.metadata(), "CrossRef " + work.doi() + " (" + match.label + "): took "
				+ list(merged.taken()) + "; confirmed " + list(merged.confirmed()));
	}

	private Result notFound(ExtractedMetadata printed, String reason) {
		count("not_found");
		return new Result("NOT_FOUND", printed, reason);
	}

	private Result failed(ExtractedMetadata printed, String reason) {
		count("failed");
		log.warn("CrossRef lookup of \"" + printed.title() + "\" failed; the paper keeps its printed metadata: "
				+ reason);
		return new Result("FAILED", printed, reason);
	}

	private void count(String outcome) {
		this.meters.counter("thoth.pdf.lookups", "outcome", outcome).increment();
	}

	private static String list(List<String> fields) {
		return fields.isEmpty() ? "nothing" : String.join(", ", fields);
	}

}
