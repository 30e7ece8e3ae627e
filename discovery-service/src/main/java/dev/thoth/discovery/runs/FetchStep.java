package dev.thoth.discovery.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.thoth.discovery.sources.Candidate;
import dev.thoth.discovery.sources.PaperSource;
import dev.thoth.discovery.sources.SearchRequest;
import dev.thoth.discovery.sources.SourceException;
import dev.thoth.discovery.sources.SourceTally;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Asks every source of the query at once, each on its own thread: one source failing (its
 * circuit open, time-outs, rate limits beyond the longest wait, malformed answers) or not
 * configured never stops the others; each is reported with its reason.
 */
@Component
class FetchStep {

	private static final Log log = LogFactory.getLog(FetchStep.class);

	private final MeterRegistry meters;

	FetchStep(MeterRegistry meters) {
		this.meters = meters;
	}

	/** The records every source returned, and a report per source. */
	record Fetched(List<Candidate> candidates, Map<String, SourceReport.Builder> reports) {
	}

	Fetched fetch(SearchRequest request, List<PaperSource> sources) throws InterruptedException {
		Map<String, SourceReport.Builder> reports = new LinkedHashMap<>();
		Map<String, Future<List<Candidate>>> answers = new LinkedHashMap<>();
		Map<String, SourceTally> tallies = new LinkedHashMap<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (PaperSource source : sources) {
				SourceReport.Builder report = new SourceReport.Builder(source.name());
				reports.put(source.name(), report);
				Optional<String> notConfigured = source.notConfigured();
				if (notConfigured.isPresent()) {
					report.status = "not_configured";
					report.errors.add(notConfigured.get());
					continue;
				}
				SourceTally tally = new SourceTally();
				tallies.put(source.name(), tally);
				answers.put(source.name(), threads.submit(() -> source.search(request, tally)));
			}
			List<Candidate> candidates = new ArrayList<>();
			for (Map.Entry<String, Future<List<Candidate>>> answer : answers.entrySet()) {
				String name = answer.getKey();
				SourceReport.Builder report = reports.get(name);
				try {
					List<Candidate> found = answer.getValue().get();
					candidates.addAll(found);
					report.fetched = found.size();
				}
				catch (ExecutionException ex) {
					Throwable cause = ex.getCause();
					String reason = (cause instanceof SourceException failure) ? failure.reason() : "error";
					String message = (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
					report.status = "failed";
					report.errors.add(message);
					this.meters.counter("thoth.discovery.source.failures", "source", name, "reason", reason)
						.increment();
					log.warn("Discovery source " + name + " failed: " + message);
				}
				SourceTally tally = tallies.get(name);
				// The errors it recovered from come first, then the one it did not.
				report.errors.addAll(0, tally.errors());
				report.rateLimitWaitMs = tally.waited().toMillis();
			}
			return new Fetched(candidates, reports);
		}
	}

}
