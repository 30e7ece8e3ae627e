package dev.thoth.clients.api;

import java.util.UUID;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The citation graph of the library, as JSON. */
@HttpExchange(url = "/api/v1/graph", accept = "application/json")
public interface CitationGraphClient {

	/** The papers within {@code depth} citations of one paper, either way. */
	@GetExchange
	CitationGraph around(@RequestParam("paperId") UUID paperId, @RequestParam("depth") int depth,
			@RequestParam("limit") int limit);

	/** The whole library, the most connected papers first when it is cut at the limit. */
	@GetExchange
	CitationGraph library(@RequestParam("limit") int limit);

}
