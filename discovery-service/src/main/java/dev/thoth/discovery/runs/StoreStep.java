package dev.thoth.discovery.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.dedup.Deduplicator;
import dev.thoth.discovery.dedup.Work;
import dev.thoth.discovery.library.LibraryPaper;
import dev.thoth.discovery.library.LibrarySnapshot;
import dev.thoth.discovery.ranking.Relevance;
import dev.thoth.discovery.scoring.Scoring;
import dev.thoth.discovery.store.ResultStatus;
import dev.thoth.discovery.store.Results;
import dev.thoth.discovery.store.StoredResult;
import dev.thoth.discovery.sources.Candidate;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what the sources returned into the query's results: merged into works across
 * sources, recognised against the library and the query's earlier results, scored and
 * explained, stored. A work new to the query and the library counts as new for the first
 * source that returned it; every other record of it is a duplicate of its source. One
 * query's results are stored by one run at a time (a transaction-scoped advisory lock).
 */
@Component
class StoreStep {

	private final Results results;

	private final Scoring scoring;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	StoreStep(Results results, Scoring scoring, JdbcClient jdbc, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.results = results;
		this.scoring = scoring;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.meters = meters;
		for (String source : List.of("arxiv", "semantic_scholar", "pubmed", "crossref", "openalex", "biorxiv")) {
			for (String kind : List.of("new", "duplicate")) {
				meters.counter("thoth.discovery.results", "source", source, "kind", kind);
			}
		}
	}

	/** A result this run added, with the source it is credited to. */
	record Added(UUID resultId, String source, double score, boolean retracted, boolean hasPdf) {
	}

	List<Added> store(UUID runId, ResearchQueryView query, List<Candidate> candidates, LibrarySnapshot library,
			Map<String, SourceReport.Builder> reports) {
		List<Work> works = Deduplicator.merge(candidates);
		List<float[]> embeddings = this.scoring.embed(works.stream().map(Work::text).toList());
		Relevance.Context context = this.scoring.context(query, library);
		List<Added> added = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(hashtext(:query))")
				.param("query", query.id().toString())
				.query()
				.singleRow();
			for (int i = 0; i < works.size(); i++) {
				Work work = works.get(i);
				float[] embedding = embeddings.get(i);
				Relevance.Scored scored = Relevance.score(
						new Relevance.Paper(work.title(), work.text(), work.authors(), work.categories(), embedding),
						context);
				Optional<LibraryPaper> held = library.holding(work);
				UUID libraryPaper = held.map(LibraryPaper::id).orElse(null);
				Optional<StoredResult> existing = this.results.matching(query.id(), work);
				if (existing.isPresent()) {
					this.results.merge(existing.get(), work, scored.score(), scored.explanation(), embedding,
							libraryPaper);
					count(reports, work.sources(), null);
					continue;
				}
				UUID id = UUID.randomUUID();
				ResultStatus initial = (libraryPaper != null) ? ResultStatus.IN_LIBRARY : ResultStatus.NEW;
				this.results.insert(id, query.id(), runId, work, initial, scored.score(), scored.explanation(),
						embedding, libraryPaper);
				if (libraryPaper != null) {
					count(reports, work.sources(), null);
					continue;
				}
				String credited = work.sources().get(0);
				count(reports, work.sources(), credited);
				added.add(new Added(id, credited, scored.score(), work.retracted(), work.pdfUrl() != null));
			}
		});
		return added;
	}

	private void count(Map<String, SourceReport.Builder> reports, List<String> sources, String credited) {
		for (String source : sources) {
			SourceReport.Builder report = reports.get(source);
			boolean isNew = source.equals(credited);
			if (report != null) {
				if (isNew) {
					report.newResults++;
				}
				else {
					report.duplicates++;
				}
			}
			this.meters.counter("thoth.discovery.results", "source", source, "kind", isNew ? "new" : "duplicate")
				.increment();
		}
	}

}
