package dev.thoth.clients.api;

import java.util.List;

/**
 * The answer to {@code POST /api/v1/ask}.
 *
 * @param answer the text; every claim carries citations such as {@code [1]}
 * @param answered false when the library does not contain the answer (the text then says
 * so, and there are no citations)
 * @param citations the passages cited in the text, by number
 * @param answeredBy {@code extractive} (offline) or the model that wrote it
 */
public record Answer(String answer, boolean answered, List<Citation> citations, String answeredBy) {

	public Answer {
		citations = List.copyOf(citations);
	}

}
