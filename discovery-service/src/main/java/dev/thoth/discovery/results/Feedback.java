package dev.thoth.discovery.results;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.discovery.download.Downloads;
import dev.thoth.discovery.library.Library;
import dev.thoth.discovery.scoring.Scoring;
import dev.thoth.discovery.store.ResultStatus;
import dev.thoth.discovery.store.Results;
import dev.thoth.discovery.store.StoredResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * The researcher's yes and no. Accepting a result downloads its PDF into the library;
 * both train the query's classifier again and score its waiting results again. Both take
 * place after the answer, in the background: the download can take long.
 */
@Service
class Feedback implements DisposableBean {

	private static final Log log = LogFactory.getLog(Feedback.class);

	private final Results results;

	private final Downloads downloads;

	private final Scoring scoring;

	private final Library library;

	private final ResearchQueriesClient queries;

	/** One query learns at a time, in the order the feedback came. */
	private final ExecutorService learning = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("discovery-learn-", 0).factory());

	private final ExecutorService downloading = Executors.newVirtualThreadPerTaskExecutor();

	Feedback(Results results, Downloads downloads, Scoring scoring, Library library, ResearchQueriesClient queries) {
		this.results = results;
		this.downloads = downloads;
		this.scoring = scoring;
		this.library = library;
		this.queries = queries;
	}

	StoredResult accept(UUID id) {
		StoredResult result = existing(id);
		if (List.of(ResultStatus.DOWNLOADED, ResultStatus.IN_LIBRARY).contains(result.status())) {
			return result;
		}
		if (result.status() == ResultStatus.ACCEPTED && result.downloadError() == null) {
			return result;
		}
		this.results.transition(id, List.of(ResultStatus.NEW, ResultStatus.REJECTED, ResultStatus.ACCEPTED),
				ResultStatus.ACCEPTED, true);
		this.downloading.submit(() -> this.results.get(id).ifPresent(this.downloads::download));
		learn(result.queryId());
		return existing(id);
	}

	StoredResult reject(UUID id) {
		StoredResult result = existing(id);
		if (List.of(ResultStatus.DOWNLOADED, ResultStatus.IN_LIBRARY).contains(result.status())) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Result " + id + " is " + result.status().value() + ": its PDF went to the library already");
		}
		if (result.status() != ResultStatus.REJECTED) {
			this.results.transition(id, List.of(ResultStatus.NEW, ResultStatus.ACCEPTED), ResultStatus.REJECTED, true);
			learn(result.queryId());
		}
		return existing(id);
	}

	private void learn(UUID queryId) {
		this.learning.submit(() -> {
			try {
				this.scoring.learn(this.queries.get(queryId), this.library.recent());
			}
			catch (RestClientException ex) {
				log.warn("Query " + queryId + " could not learn from its feedback now: " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.error("Query " + queryId + " could not learn from its feedback", ex);
			}
		});
	}

	private StoredResult existing(UUID id) {
		return this.results.get(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No discovery result with id " + id));
	}

	@Override
	public void destroy() {
		this.learning.shutdownNow();
		this.downloading.shutdownNow();
	}

}
