package dev.thoth.clients.api;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The API service's ingestion jobs, and re-processing a paper. */
@HttpExchange(url = "/api/v1", accept = "application/json")
public interface JobsClient {

	@GetExchange("/jobs/{id}")
	JobDetails get(@PathVariable("id") UUID id);

	/** Newest first; {@code status} may be null for every job. */
	@GetExchange("/jobs")
	PageResponse<JobSummary> list(@RequestParam(name = "status", required = false) String status,
			@RequestParam("page") int page, @RequestParam("size") int size);

	/** Ingests a PDF already in the workspace, as an upload would. */
	@PostExchange(url = "/papers/imports", contentType = "application/json")
	JobAccepted importFromWorkspace(@RequestBody WorkspaceImport file);

	@PostExchange(url = "/papers/{id}/reprocess", contentType = "application/json")
	JobAccepted reprocess(@PathVariable("id") UUID paperId, @RequestBody ReprocessRequest request);

}
