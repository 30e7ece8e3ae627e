package dev.thoth.mcp.tools;

/**
 * An argument the schema lets through but the tool cannot use: the message names the
 * argument and what was expected, for the model to try again.
 */
public class ToolArgumentException extends RuntimeException {

	public ToolArgumentException(String argument, String expected) {
		super("Argument '" + argument + "': " + expected);
	}

}
