package dev.thoth.clients.discovery;

import java.util.UUID;

import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.PageResponse;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The discovery service: runs of research queries (the queries themselves are the API's),
 * their results and the researcher's judgement of them, and papers imported by URL, DOI
 * or arXiv id through its safe downloader.
 */
@HttpExchange(url = "/discovery", accept = "application/json")
public interface DiscoveryClient {

	@PostExchange("/queries/{id}/run")
	RunAccepted run(@PathVariable("id") UUID queryId);

	@GetExchange("/runs/{id}")
	DiscoveryRun getRun(@PathVariable("id") UUID runId);

	/** Results best first; any filter may be null. */
	@GetExchange("/results")
	PageResponse<DiscoveryResult> results(@RequestParam(name = "queryId", required = false) UUID queryId,
			@RequestParam(name = "minScore", required = false) Double minScore,
			@RequestParam(name = "status", required = false) String status, @RequestParam("page") int page,
			@RequestParam("size") int size);

	@PostExchange("/results/{id}/accept")
	DiscoveryResult accept(@PathVariable("id") UUID resultId);

	@PostExchange("/results/{id}/reject")
	DiscoveryResult reject(@PathVariable("id") UUID resultId);

	/** Fetches the paper's PDF safely and hands it to the API's upload. */
	@PostExchange(url = "/imports", contentType = "application/json")
	JobAccepted importPaper(@RequestBody PaperImport paper);

}
