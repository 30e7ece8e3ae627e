package dev.thoth.clients.api;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** The library as a whole: its figures, and where a quote comes from. */
@HttpExchange(url = "/api/v1", accept = "application/json")
public interface LibraryClient {

	@GetExchange("/library/stats")
	LibraryStats stats();

	/** The pages that hold the text (word for word, or nearly), best first. */
	@GetExchange("/quotes")
	QuoteMatches findQuote(@RequestParam("text") String text, @RequestParam("k") int k);

}
