package dev.thoth.vectorstore.index;

import dev.thoth.vectorstore.VectorStoreException;

/**
 * There is no index to search yet (it is being built); the message says how far along. A
 * 503 with {@code Retry-After} over HTTP.
 */
public class SearchIndexUnavailableException extends VectorStoreException {

	public SearchIndexUnavailableException(String message) {
		super(message);
	}

}
