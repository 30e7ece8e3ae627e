package dev.thoth.api.search;

import java.util.Locale;

/** How a search ranks passages. */
public enum SearchMode {

	/**
	 * Words (full-text) and meaning (embedding similarity) together: each ranking's
	 * scores normalised, then weighted equally.
	 */
	HYBRID,

	/** By the words of the query. */
	LEXICAL,

	/** By the meaning of the query (embedding similarity). */
	SEMANTIC;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
