package dev.thoth.pdfmonitor.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.thoth.pdfmonitor.extraction.ParsedReferences;
import dev.thoth.pdfmonitor.extraction.Reference;
import dev.thoth.pdfmonitor.lookup.MetadataMerge.Match;
import dev.thoth.pdfmonitor.lookup.ReferenceMerge.Merged;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Completes and checks a paper's parsed references when online lookups are on: a
 * reference with a DOI from CrossRef's record of that DOI, one without by its title and
 * year through OpenAlex (with an API key) or CrossRef's bibliographic search (see
 * {@link ReferenceMerge} for what is taken). Bounded per paper: at most
 * {@code maxPerPaper} lookups, {@code concurrency} at once, all within {@code budget}. A
 * source failing or too slow leaves its references as parsed; the job never fails for it.
 * Each lookup is counted in {@code thoth.pdf.reference.lookups{source,outcome}}.
 */
public class ReferenceLookup {

	private static final Log log = LogFactory.getLog(ReferenceLookup.class);

	static final String CROSSREF = "crossref";

	static final String OPENALEX = "openalex";

	/** Results asked of a title search: enough to see a second candidate as good. */
	static final int SEARCH_ROWS = 5;

	/** A DOI as CrossRef registers them: anything else is not sent anywhere. */
	private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");

	/** What became of one lookup. */
	enum Outcome {

		/** A record was found and is the reference's; fields may have been filled. */
		FOUND,
		/** The source has no record of the DOI, or no search result matches. */
		NOT_FOUND,
		/** More than one search result matches: none is taken. */
		AMBIGUOUS,
		/** The DOI's record names another work than the one parsed: nothing is taken. */
		OTHER_WORK,
		/** The source failed or was too slow. */
		FAILED,
		/** Not looked up: over the per-paper limit or the time budget. */
		SKIPPED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private record Looked(Reference reference, String source, Outcome outcome, List<String> changed) {

	}

	private final boolean enabled;

	private final ReferenceLookupProperties limits;

	private final CrossrefClient crossref;

	private final OpenAlexClient openAlex;

	private final MeterRegistry meters;

	ReferenceLookup(LookupProperties properties, ReferenceLookupProperties limits, CrossrefClient crossref,
			OpenAlexClient openAlex, MeterRegistry meters) {
		this.enabled = properties.enabled() && limits.maxPerPaper() > 0;
		this.limits = limits;
		this.crossref = crossref;
		this.openAlex = openAlex;
		this.meters = meters;
	}

	/**
	 * The references completed from the sources where a record was found; as parsed when
	 * lookups are off, and for every reference not looked up, not found or failed.
	 */
	public ParsedReferences complete(ParsedReferences parsed) {
		if (!this.enabled) {
			return parsed;
		}
		try {
			return lookUpAll(parsed);
		}
		catch (RuntimeException ex) {
			// Whatever went wrong here must not cost the paper its references.
			log.warn("Reference lookups failed; the references stay as parsed", ex);
			return parsed;
		}
	}

	private ParsedReferences lookUpAll(ParsedReferences parsed) {
		List<Reference> references = new ArrayList<>(parsed.references());
		List<Integer> candidates = new ArrayList<>();
		for (int i = 0; i < references.size(); i++) {
			if (lookable(references.get(i))) {
				candidates.add(i);
			}
		}
		if (candidates.isEmpty()) {
			return parsed;
		}
		List<Integer> looked = candidates.subList(0, Math.min(candidates.size(), this.limits.maxPerPaper()));
		for (int index : candidates.subList(looked.size(), candidates.size())) {
			count(sourceFor(references.get(index)), Outcome.SKIPPED);
		}
		Map<Outcome, Integer> tally = new TreeMap<>();
		int fields = 0;
		try (ExecutorService workers = Executors.newFixedThreadPool(this.limits.concurrency(),
				Thread.ofVirtual().name("reference-lookup-", 0).factory())) {
			List<Callable<Looked>> tasks = new ArrayList<>();
			for (int index : looked) {
				Reference reference = references.get(index);
				tasks.add(() -> lookUp(reference));
			}
			// Those not done within the budget are cancelled, their references as parsed.
			List<Future<Looked>> results = workers.invokeAll(tasks, this.limits.budget().toMillis(),
					TimeUnit.MILLISECONDS);
			for (int i = 0; i < results.size(); i++) {
				int index = looked.get(i);
				Looked result = result(results.get(i), references.get(index));
				references.set(index, result.reference());
				tally.merge(result.outcome(), 1, Integer::sum);
				fields += result.changed().size();
			}
			workers.shutdownNow();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return parsed;
		}
		log.info("Looked up " + looked.size() + " of " + references.size() + " references: " + tally + ", " + fields
				+ " fields filled or corrected"
				+ ((looked.size() < candidates.size()) ? "; " + (candidates.size() - looked.size())
						+ " over the limit of " + this.limits.maxPerPaper() + " not looked up" : ""));
		return new ParsedReferences(references, parsed.citations());
	}

	/** A DOI to check, or a title and year to search by. */
	private boolean lookable(Reference reference) {
		if (reference.doi() != null) {
			return DOI.matcher(reference.doi()).matches();
		}
		return reference.title() != null && reference.year() != null;
	}

	private String sourceFor(Reference reference) {
		return (reference.doi() == null && this.openAlex.configured()) ? OPENALEX : CROSSREF;
	}

	private Looked result(Future<Looked> future, Reference reference) {
		String source = sourceFor(reference);
		try {
			Looked looked = future.get();
			count(looked.source(), looked.outcome());
			return looked;
		}
		catch (CancellationException ex) {
			count(source, Outcome.SKIPPED);
			return new Looked(reference, source, Outcome.SKIPPED, List.of());
		}
		catch (ExecutionException ex) {
			// An answer this code did not expect must not cost the paper.
			log.warn("Looking up reference " + reference.position() + " failed", ex.getCause());
			count(source, Outcome.FAILED);
			return new Looked(reference, source, Outcome.FAILED, List.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Looked(reference, source, Outcome.SKIPPED, List.of());
		}
	}

	private Looked lookUp(Reference reference) {
		String source = sourceFor(reference);
		try {
			return (reference.doi() != null) ? byDoi(reference) : byTitle(reference, source);
		}
		catch (SourceException ex) {
			log.warn("Reference " + reference.position() + " stays as parsed: " + ex.getMessage());
			return new Looked(reference, source, Outcome.FAILED, List.of());
		}
	}

	private Looked byDoi(Reference reference) {
		Optional<WorkRecord> work = this.crossref.work(reference.doi());
		if (work.isEmpty()) {
			return new Looked(reference, CROSSREF, Outcome.NOT_FOUND, List.of());
		}
		if (!ReferenceMerge.sameWork(reference, work.get())) {
			return new Looked(reference, CROSSREF, Outcome.OTHER_WORK, List.of());
		}
		Merged merged = ReferenceMerge.merge(reference, work.get(), Match.PRINTED_DOI, CROSSREF);
		return new Looked(merged.reference(), CROSSREF, Outcome.FOUND, merged.changed());
	}

	private Looked byTitle(Reference reference, String source) {
		List<WorkRecord> results = OPENALEX.equals(source)
				? this.openAlex.search(reference.title(), reference.year() - ReferenceMerge.YEAR_TOLERANCE,
						reference.year() + ReferenceMerge.YEAR_TOLERANCE, SEARCH_ROWS)
				: this.crossref.search(query(reference), SEARCH_ROWS);
		List<WorkRecord> matches = ReferenceMerge.matches(reference, results);
		if (matches.size() > 1) {
			return new Looked(reference, source, Outcome.AMBIGUOUS, List.of());
		}
		if (matches.isEmpty()) {
			return new Looked(reference, source, Outcome.NOT_FOUND, List.of());
		}
		Merged merged = ReferenceMerge.merge(reference, matches.getFirst(), Match.TITLE_SEARCH, source);
		return new Looked(merged.reference(), source, Outcome.FOUND, merged.changed());
	}

	/**
	 * Title, first author's surname and year, as CrossRef's bibliographic query reads.
	 */
	static String query(Reference reference) {
		StringBuilder query = new StringBuilder(reference.title());
		if (reference.firstAuthorSurname() != null) {
			query.append(' ').append(reference.firstAuthorSurname());
		}
		return query.append(' ').append(reference.year()).toString();
	}

	private void count(String source, Outcome outcome) {
		this.meters.counter("thoth.pdf.reference.lookups", "source", source, "outcome", outcome.tag()).increment();
	}

}
