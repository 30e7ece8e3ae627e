package dev.thoth.clients.api;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The research queries the API owns and the discovery service runs: it lists the enabled
 * ones and records each run.
 */
@HttpExchange(url = "/api/v1/research-queries", accept = "application/json")
public interface ResearchQueriesClient {

	/** A page of queries by name; {@code enabled} null for all of them. */
	@GetExchange
	PageResponse<ResearchQueryView> list(@RequestParam(name = "enabled", required = false) Boolean enabled,
			@RequestParam("page") int page, @RequestParam("size") int size);

	@GetExchange("/{id}")
	ResearchQueryView get(@PathVariable("id") UUID id);

	@PostExchange(contentType = "application/json")
	ResearchQueryView create(@RequestBody ResearchQueryRequest query);

	@PutExchange(url = "/{id}", contentType = "application/json")
	ResearchQueryView replace(@PathVariable("id") UUID id, @RequestBody ResearchQueryRequest query);

	@DeleteExchange("/{id}")
	void delete(@PathVariable("id") UUID id);

	/** Records a run; an earlier time than the one recorded leaves it as it is. */
	@PutExchange(url = "/{id}/last-run", contentType = "application/json")
	ResearchQueryView recordRun(@PathVariable("id") UUID id, @RequestBody LastRun run);

}
