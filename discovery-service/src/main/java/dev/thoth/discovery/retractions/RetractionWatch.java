package dev.thoth.discovery.retractions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.thoth.discovery.library.ApiStartup;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.Retraction;
import dev.thoth.clients.api.RetractionNotice;
import dev.thoth.discovery.DiscoveryProperties;
import dev.thoth.discovery.sources.CrossrefSource;
import dev.thoth.discovery.sources.SourceException;
import dev.thoth.discovery.sources.SourceTally;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Watches the library for retractions (THOTH_ONLINE_LOOKUPS=true): every library paper
 * with a DOI is checked against CrossRef's notices, a batch of DOIs per request, and each
 * retraction, withdrawal, expression of concern or correction found is recorded on the
 * paper through the API, which owns papers (and shows the notice on the paper, its note,
 * search hits and cited passages). One round per interval across all replicas: a replica
 * looks every tick, and ShedLock keeps the lock for the interval after a round, so the
 * others (and this one) skip until it is due again.
 */
@Component
@ConditionalOnBooleanProperty("thoth.discovery.retractions.enabled")
public class RetractionWatch {

	private static final Log log = LogFactory.getLog(RetractionWatch.class);

	static final String CHECKS = "thoth.discovery.retraction.checks";

	static final String FLAGGED = "thoth.discovery.retractions.flagged";

	private static final int PAGE = 100;

	private final PapersClient papers;

	private final CrossrefSource crossref;

	private final MeterRegistry meters;

	/**
	 * What one round did.
	 *
	 * @param papers library papers with a DOI
	 * @param requests requests made to CrossRef
	 * @param notices papers CrossRef has a notice about
	 * @param flagged papers whose notice was recorded now (new or another than before)
	 * @param errors batches or papers that could not be checked or recorded, and why
	 */
	public record Round(int papers, long requests, int notices, int flagged, List<String> errors) {
	}

	private final ApiStartup api;

	static final String LOCK = "discovery-retraction-watch";

	private final LockingTaskExecutor locks;

	private final Duration interval;

	RetractionWatch(PapersClient papers, CrossrefSource crossref, MeterRegistry meters, DiscoveryProperties properties,
			ApiStartup api, LockProvider lockProvider) {
		this.api = api;
		this.locks = new DefaultLockingTaskExecutor(lockProvider);
		this.interval = properties.retractions().interval();
		this.papers = papers;
		this.crossref = crossref;
		this.meters = meters;
		for (String outcome : List.of("completed", "failed")) {
			meters.counter(CHECKS, "outcome", outcome);
		}
		log.info("Retraction watch on: library papers with a DOI are checked against CrossRef every "
				+ properties.retractions().interval());
	}

	@Scheduled(fixedDelayString = "${thoth.discovery.schedule.tick}",
			initialDelayString = "${thoth.discovery.schedule.tick}")
	public void scheduled() {
		// The API first, then the lock: the lock is kept for the whole interval after a
		// round, so a look that skipped because the API had not answered yet (still
		// starting, or its probe in flight on another thread) must not take it, or no
		// replica checks the library for an interval. ShedLock's executor rather than
		// its annotation, which takes the lock before the method runs.
		if (this.api.apiHasAnswered()) {
			this.locks.executeWithLock((Runnable) this::check,
					new LockConfiguration(ClockProvider.now(), LOCK, this.interval, this.interval));
		}
	}

	/** One round over the whole library. */
	public Round check() {
		Map<String, List<PaperSummary>> byDoi;
		try {
			byDoi = libraryByDoi();
		}
		catch (RestClientException ex) {
			this.meters.counter(CHECKS, "outcome", "failed").increment();
			log.warn("Retraction watch: the library could not be read through the API: " + ex.getMessage());
			return new Round(0, 0, 0, 0, List.of("the library could not be read: " + ex.getMessage()));
		}
		SourceTally tally = new SourceTally();
		List<String> errors = new ArrayList<>();
		int notices = 0;
		int flagged = 0;
		int failedBatches = 0;
		List<String> dois = new ArrayList<>(byDoi.keySet());
		for (int from = 0; from < dois.size(); from += CrossrefSource.NOTICE_BATCH) {
			List<String> batch = dois.subList(from, Math.min(dois.size(), from + CrossrefSource.NOTICE_BATCH));
			Map<String, CrossrefSource.Notice> found;
			try {
				found = this.crossref.notices(batch, tally);
			}
			catch (SourceException ex) {
				errors.add("DOIs " + (from + 1) + "–" + (from + batch.size()) + ": " + ex.getMessage());
				failedBatches++;
				continue;
			}
			for (Map.Entry<String, CrossrefSource.Notice> entry : found.entrySet()) {
				for (PaperSummary paper : byDoi.getOrDefault(entry.getKey(), List.of())) {
					notices++;
					if (record(paper, entry.getValue(), errors)) {
						flagged++;
					}
				}
			}
		}
		int checked = byDoi.values().stream().mapToInt(List::size).sum();
		// Failed: CrossRef answered no batch at all.
		boolean failed = failedBatches > 0 && failedBatches * CrossrefSource.NOTICE_BATCH >= dois.size();
		this.meters.counter(CHECKS, "outcome", failed ? "failed" : "completed").increment();
		Round round = new Round(checked, tally.requests(), notices, flagged, List.copyOf(errors));
		String summary = "Retraction watch: " + checked + " papers with a DOI checked in " + tally.requests()
				+ " CrossRef requests; " + notices + " with a notice, " + flagged + " newly flagged";
		if (errors.isEmpty()) {
			log.info(summary);
		}
		else {
			log.warn(summary + "; not checked or not recorded: " + String.join("; ", errors));
		}
		return round;
	}

	/**
	 * The library's papers with a DOI, by lower-case DOI (a DOI with a comma cannot be
	 * asked).
	 */
	private Map<String, List<PaperSummary>> libraryByDoi() {
		Map<String, List<PaperSummary>> byDoi = new LinkedHashMap<>();
		for (int page = 0;; page++) {
			PageResponse<PaperSummary> answer = this.papers.list(page, PAGE);
			for (PaperSummary paper : answer.items()) {
				String doi = (paper.doi() != null) ? paper.doi().strip().toLowerCase(Locale.ROOT) : "";
				if (doi.startsWith("10.") && !doi.contains(",") && !doi.contains(" ")) {
					byDoi.computeIfAbsent(doi, (key) -> new ArrayList<>()).add(paper);
				}
			}
			if (answer.items().isEmpty() || page + 1 >= answer.totalPages()) {
				return byDoi;
			}
		}
	}

	/**
	 * Records the notice on the paper unless it carries it already; true when recorded.
	 */
	private boolean record(PaperSummary paper, CrossrefSource.Notice found, List<String> errors) {
		RetractionNotice notice = new RetractionNotice(found.type(), found.doi(), found.date(), found.source(),
				found.label());
		Retraction current = paper.retraction();
		if (current != null && current.notice().equals(notice)) {
			return false;
		}
		try {
			this.papers.recordRetraction(paper.id(), notice);
		}
		catch (HttpClientErrorException.NotFound ex) {
			// Removed meanwhile.
			return false;
		}
		catch (RestClientException ex) {
			errors.add("paper " + paper.id() + ": the notice could not be recorded: " + ex.getMessage());
			return false;
		}
		this.meters.counter(FLAGGED, "type", notice.type()).increment();
		log.warn("Paper " + paper.id() + " ('" + paper.title() + "', " + paper.doi() + ") has a "
				+ notice.type().replace('_', ' ') + ": " + notice.noticeDoi()
				+ ((notice.date() != null) ? " of " + notice.date() : ""));
		return true;
	}

}
