package dev.thoth.api.search;

import java.util.Locale;

/** How a search ranks passages. */
public enum SearchMode {

	/**
	 * Words first (PostgreSQL full-text, BM25-like), fused with meaning by reciprocal
	 * rank.
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
