package dev.thoth.api.ask;

import java.util.Map;

/**
 * What an answerer wrote, before citations are attached.
 *
 * @param text the answer with {@code [n]} markers; null when the passages do not answer
 * the question
 * @param quotes for a cited passage number, the words that support the claim, when the
 * answerer knows them (the extractive one does); otherwise the passage's opening is
 * quoted
 */
record Draft(String text, Map<Integer, String> quotes) {

	static Draft notInLibrary() {
		return new Draft(null, Map.of());
	}

	boolean answered() {
		return this.text != null && !this.text.isBlank();
	}

}
