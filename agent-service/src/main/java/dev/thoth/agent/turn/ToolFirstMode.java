package dev.thoth.agent.turn;

import java.util.List;
import java.util.Map;

import dev.thoth.agent.tools.Citation;
import dev.thoth.agent.tools.ToolOutcome;
import dev.thoth.agent.tools.Toolbox;

/**
 * The agent without a model: it runs search_papers and ask_library with the message and
 * gives their cited result, deterministically, saying that it runs without a model.
 */
final class ToolFirstMode {

	static final String NOTICE = "I run without a language model (THOTH_LLM_PROVIDER is not set), "
			+ "so here is what the library gives for your message.";

	private static final int PASSAGES = 5;

	private ToolFirstMode() {
	}

	static void run(String message, Toolbox tools, TurnLog log) {
		String query = (message.length() > 1000) ? message.substring(0, 1000) : message;
		ToolOutcome answer = log.call(tools, "ask_library", Map.of("question", query));
		ToolOutcome search = log.call(tools, "search_papers", Map.of("query", query, "k", PASSAGES));
		StringBuilder reply = new StringBuilder(NOTICE).append("\n\n");
		if (answer.failed()) {
			reply.append("Asking the library failed: ").append(answer.text()).append("\n\n");
		}
		else {
			reply.append(answer.text()).append("\n\n");
		}
		if (search.failed()) {
			reply.append("Searching the library failed: ").append(search.text());
		}
		else {
			List<Citation> passages = search.citations();
			reply.append(passages.isEmpty() ? "The search found no passages." : "Passages found:");
			for (int i = 0; i < passages.size(); i++) {
				Citation passage = passages.get(i);
				reply.append("\n")
					.append(i + 1)
					.append(". ")
					.append(passage.title())
					.append(", page ")
					.append(passage.page())
					.append(": ")
					.append(passage.pdfUrl());
			}
		}
		log.token(reply.toString());
	}

}
