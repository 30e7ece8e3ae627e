package dev.thoth.api.ask;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.ai.chat.client.ChatClient;

/**
 * Answers with the configured language model, from the retrieved passages only: the
 * prompt numbers them, the model must cite them, and it must say when they do not hold
 * the answer, which it signals with a fixed word that is never shown to the user.
 */
class ModelAnswerer implements Answerer {

	static final String NOT_IN_LIBRARY = "NOT_IN_LIBRARY";

	private static final String INSTRUCTIONS = """
			You answer questions about research papers using ONLY the numbered passages given.
			Rules:
			- Every sentence of your answer ends with the number of the passage that supports it, as [1] or [2][3].
			- Use no knowledge beyond the passages. Do not invent passages, numbers or facts.
			- If the passages do not contain the answer, reply with exactly NOT_IN_LIBRARY and nothing else.
			- A passage marked with a notice (retraction, withdrawal, correction, expression of concern) comes from
			  a paper under that notice: when you use it, say so.
			- Be concise: at most five sentences.""";

	private final ChatClient client;

	private final String modelName;

	private final Duration timeout;

	ModelAnswerer(ChatClient client, String modelName, Duration timeout) {
		this.client = client;
		this.modelName = modelName;
		this.timeout = timeout;
	}

	@Override
	public String name() {
		return this.modelName;
	}

	@Override
	public Draft answer(String question, List<Passage> passages, Consumer<String> tokens) {
		StringBuilder prompt = new StringBuilder("Question: ").append(question).append("\n\nPassages:\n");
		for (Passage passage : passages) {
			prompt.append('[')
				.append(passage.n())
				.append("] (")
				.append(passage.hit().title())
				.append(", page ")
				.append(passage.hit().page())
				.append((passage.hit().retraction() != null)
						? "; notice: " + passage.hit().retraction().type().replace('_', ' ') + " "
								+ passage.hit().retraction().noticeDoi()
						: "")
				.append(")\n")
				.append(passage.hit().text())
				.append("\n\n");
		}
		try {
			return stream(prompt.toString(), tokens);
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex; // the listener went away, not the model
		}
		catch (RuntimeException ex) {
			throw new ModelUnavailableException(this.modelName, ex);
		}
	}

	private Draft stream(String prompt, Consumer<String> tokens) {
		StringBuilder text = new StringBuilder();
		// Held back until it is clear the answer is not the NOT_IN_LIBRARY signal.
		StringBuilder pending = new StringBuilder();
		for (String token : this.client.prompt()
			.system(INSTRUCTIONS)
			.user(prompt)
			.stream()
			.content()
			.timeout(this.timeout)
			.toIterable()) {
			text.append(token);
			if (pending != null) {
				pending.append(token);
				String soFar = pending.toString().stripLeading();
				if (NOT_IN_LIBRARY.startsWith(soFar) || soFar.startsWith(NOT_IN_LIBRARY)) {
					continue;
				}
				tokens.accept(pending.toString());
				pending = null;
			}
			else {
				tokens.accept(token);
			}
		}
		String answer = text.toString().strip();
		if (answer.isEmpty() || answer.startsWith(NOT_IN_LIBRARY)) {
			return Draft.notInLibrary();
		}
		if (pending != null) {
			tokens.accept(pending.toString());
		}
		return new Draft(answer, Map.of());
	}

}
