package dev.thoth.vectorstore;

/** The vector store failed; the message names the store and what went wrong. */
public class VectorStoreException extends RuntimeException {

	public VectorStoreException(String message, Throwable cause) {
		super(message, cause);
	}

	public VectorStoreException(String message) {
		super(message);
	}

}
