package dev.thoth.platform.input;

/** Input that breaks {@link InputRules}; answered with a 400 naming where. */
public class InvalidInputException extends IllegalArgumentException {

	private final String field;

	private final String problem;

	public InvalidInputException(String field, String problem) {
		super(field + ": " + problem);
		this.field = field;
		this.problem = problem;
	}

	/** The parameter, or the field's path in the body ({@code tags[0]}, {@code body}). */
	public String field() {
		return this.field;
	}

	public String problem() {
		return this.problem;
	}

}
