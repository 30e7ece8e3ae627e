package dev.thoth.discovery.runs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.thoth.clients.api.LastRun;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.library.Library;
import dev.thoth.discovery.library.LibrarySnapshot;
import dev.thoth.discovery.store.Results;
import dev.thoth.discovery.sources.PaperSource;
import dev.thoth.discovery.sources.PaperSources;
import dev.thoth.discovery.sources.SearchRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * One run of a research query, stage by stage: the query (from the API), the sources
 * ({@link FetchStep}), the library (from the API), the results ({@link StoreStep}), the
 * automatic downloads ({@link AutoDownloadStep}); then the report per source, and the run
 * recorded on the query through the API.
 */
@Component
class DiscoveryRun {

	private static final Log log = LogFactory.getLog(DiscoveryRun.class);

	static final String RUNS = "thoth.discovery.runs";

	/** Seeds sent to Semantic Scholar's recommendations, of each kind. */
	static final int SEEDS = 20;

	private final ResearchQueriesClient queries;

	private final PaperSources sources;

	private final Library library;

	private final Results results;

	private final FetchStep fetch;

	private final StoreStep store;

	private final AutoDownloadStep autoDownload;

	private final RunQueue queue;

	private final MeterRegistry meters;

	DiscoveryRun(ResearchQueriesClient queries, PaperSources sources, Library library, Results results, FetchStep fetch,
			StoreStep store, AutoDownloadStep autoDownload, RunQueue queue, MeterRegistry meters) {
		this.queries = queries;
		this.sources = sources;
		this.library = library;
		this.results = results;
		this.fetch = fetch;
		this.store = store;
		this.autoDownload = autoDownload;
		this.queue = queue;
		this.meters = meters;
		for (String status : List.of("completed", "failed")) {
			meters.counter(RUNS, "status", status);
		}
	}

	/** Runs it and ends it, completed or failed with the reason. */
	void run(ClaimedRun run, String owner) throws InterruptedException {
		ResearchQueryView query;
		try {
			query = this.queries.get(run.queryId());
		}
		catch (HttpClientErrorException.NotFound ex) {
			end(run, owner, "failed", "the research query " + run.queryId() + " no longer exists");
			return;
		}
		catch (RestClientException ex) {
			end(run, owner, "failed", "the API could not be asked for the research query: " + ex.getMessage());
			return;
		}
		List<PaperSource> asked = this.sources.forQuery(query.sources());
		Map<Boolean, List<String>> seeds = this.results.seeds(query.id(), SEEDS);
		FetchStep.Fetched fetched = this.fetch.fetch(request(query, seeds), asked);
		LibrarySnapshot library;
		List<String> problems = new ArrayList<>();
		try {
			library = this.library.snapshot();
		}
		catch (RestClientException ex) {
			library = LibrarySnapshot.empty();
			problems.add("the library could not be read through the API (" + ex.getMessage()
					+ "): results were neither compared with it nor recognised in it");
		}
		List<StoreStep.Added> added = this.store.store(run.id(), query, fetched.candidates(), library,
				fetched.reports());
		this.autoDownload.download(query, added, fetched.reports());
		this.queue.report(run.id(), fetched.reports().values().stream().map(SourceReport.Builder::build).toList());
		try {
			this.queries.recordRun(query.id(), new LastRun(Instant.now()));
		}
		catch (RestClientException ex) {
			problems.add("the run could not be recorded on the query: " + ex.getMessage());
		}
		boolean anySource = fetched.reports().values().stream().anyMatch((report) -> "ok".equals(report.status));
		if (!anySource && !asked.isEmpty()) {
			problems.add(0, "no source answered");
			end(run, owner, "failed", String.join("; ", problems));
			return;
		}
		end(run, owner, "completed", problems.isEmpty() ? null : String.join("; ", problems));
		log.info("Run " + run.id() + " of '" + query.name() + "': " + fetched.candidates().size() + " records, "
				+ added.size() + " new results");
	}

	void end(ClaimedRun run, String owner, String status, String error) {
		if (this.queue.finish(run.id(), owner, status, error)) {
			this.meters.counter(RUNS, "status", status).increment();
		}
		if (error != null) {
			log.warn("Run " + run.id() + " " + status + ": " + error);
		}
	}

	/**
	 * What the sources are asked: the query's terms and window, and its feedback as
	 * seeds.
	 */
	static SearchRequest request(ResearchQueryView query, Map<Boolean, List<String>> seeds) {
		LocalDate from = query.from();
		LocalDate to = query.to();
		if (query.lastDays() != null) {
			to = LocalDate.now(ZoneOffset.UTC);
			from = to.minusDays(query.lastDays());
		}
		return new SearchRequest(query.keywords(), query.categories(), query.authors(), from, to, query.minYear(),
				query.maxResults(), seeds.getOrDefault(true, List.of()), seeds.getOrDefault(false, List.of()));
	}

}
