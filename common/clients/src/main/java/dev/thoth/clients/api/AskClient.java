package dev.thoth.clients.api;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Questions answered from the library with citations, at {@code /api/v1/ask}. */
@HttpExchange(url = "/api/v1/ask", accept = "application/json")
public interface AskClient {

	@PostExchange(contentType = "application/json")
	Answer ask(@RequestBody Question question);

}
