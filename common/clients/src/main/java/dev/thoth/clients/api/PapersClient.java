package dev.thoth.clients.api;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The API service's library, for the services that read it. */
@HttpExchange(url = "/api/v1/papers", accept = "application/json")
public interface PapersClient {

	@GetExchange
	PageResponse<PaperSummary> list(@RequestParam("page") int page, @RequestParam("size") int size);

	@GetExchange("/{id}")
	PaperDetails get(@PathVariable("id") UUID id);

	@GetExchange("/{id}/references")
	PageResponse<ReferenceView> references(@PathVariable("id") UUID id, @RequestParam("page") int page,
			@RequestParam("size") int size);

	@GetExchange(url = "/{id}/note", accept = "text/markdown")
	String note(@PathVariable("id") UUID id);

}
