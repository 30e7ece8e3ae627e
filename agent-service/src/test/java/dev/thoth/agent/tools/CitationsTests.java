package dev.thoth.agent.tools;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CitationsTests {

	static final String PAPER = "5f0c8f5e-8a4e-4c3b-9d2e-1a2b3c4d5e6f";

	@Test
	void searchPassagesAndAnswerCitationsAreCitations() {
		Map<String, Object> search = Map.of("query", "q", "passages",
				List.of(Map.of("paperId", PAPER, "title", "Gadr", "page", 2, "section", "Intro", "score", 0.9, "text",
						"  A   passage\nof text ", "pdfUrl", "/api/v1/papers/" + PAPER + "/pdf#page=2")));
		assertThat(Citations.in(search)).containsExactly(new Citation(UUID.fromString(PAPER), "Gadr", 2,
				"A passage of text", "/api/v1/papers/" + PAPER + "/pdf#page=2"));
		Map<String, Object> answer = Map.of("answer", "x [1]", "citations", List.of(Map.of("n", 1, "paperId", PAPER,
				"page", 3, "quote", "the quote", "text", "ignored", "pdfUrl", "/p#page=3")));
		assertThat(Citations.in(answer)).extracting(Citation::quote).containsExactly("the quote");
	}

	@Test
	void anythingElseIsNot() {
		assertThat(Citations.in(null)).isEmpty();
		assertThat(Citations.in(Map.of("paperId", PAPER, "title", "no page or link"))).isEmpty();
		assertThat(Citations.in(Map.of("paperId", "not-a-uuid", "page", 1, "pdfUrl", "/x"))).isEmpty();
		String longText = "word ".repeat(200);
		assertThat(
				Citations.in(Map.of("paperId", PAPER, "page", 1, "pdfUrl", "/x", "text", longText)).getFirst().quote())
			.hasSize(400)
			.endsWith("…");
	}

}
