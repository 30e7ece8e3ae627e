package dev.thoth.discovery.runs;

import java.util.List;
import java.util.Map;

import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.download.Downloads;
import dev.thoth.discovery.store.ResultStatus;
import dev.thoth.discovery.store.Results;

import org.springframework.stereotype.Component;

/**
 * With {@code autoDownload} on, every new result scoring at least the query's
 * {@code minRelevance} goes into the library (never a retracted one): accepted (not as
 * feedback: the classifier learns only from the researcher), then downloaded.
 */
@Component
class AutoDownloadStep {

	private final Results results;

	private final Downloads downloads;

	AutoDownloadStep(Results results, Downloads downloads) {
		this.results = results;
		this.downloads = downloads;
	}

	void download(ResearchQueryView query, List<StoreStep.Added> added, Map<String, SourceReport.Builder> reports) {
		if (!query.autoDownload()) {
			return;
		}
		for (StoreStep.Added result : added) {
			if (result.score() < query.minRelevance() || result.retracted() || !result.hasPdf()) {
				continue;
			}
			if (!this.results.transition(result.resultId(), List.of(ResultStatus.NEW), ResultStatus.ACCEPTED, false)) {
				continue;
			}
			boolean downloaded = this.results.get(result.resultId()).map(this.downloads::download).orElse(false);
			SourceReport.Builder report = reports.get(result.source());
			if (report != null) {
				if (downloaded) {
					report.downloaded++;
				}
				else {
					this.results.get(result.resultId())
						.map((stored) -> stored.downloadError())
						.ifPresent((error) -> report.errors.add("download of " + result.resultId() + ": " + error));
				}
			}
		}
	}

}
