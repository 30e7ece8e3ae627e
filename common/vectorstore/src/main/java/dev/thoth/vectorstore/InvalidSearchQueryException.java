package dev.thoth.vectorstore;

/**
 * A query that breaks the query language's rules; the message says what is wrong and how
 * to write it, to be shown to the user (a 400 over HTTP).
 */
public class InvalidSearchQueryException extends IllegalArgumentException {

	public InvalidSearchQueryException(String message) {
		super(message);
	}

}
