package dev.thoth.api.ask;

import java.util.List;
import java.util.function.Consumer;

/** Writes an answer from retrieved passages only, citing them by number. */
interface Answerer {

	/**
	 * @param tokens receives the answer's text as it is written, for streaming; must not
	 * receive anything when the passages do not answer the question
	 */
	Draft answer(String question, List<Passage> passages, Consumer<String> tokens);

	/** {@code extractive} or the model's name, for the response and logs. */
	String name();

}
