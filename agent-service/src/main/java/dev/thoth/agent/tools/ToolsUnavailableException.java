package dev.thoth.agent.tools;

/** The MCP service could not be reached for a turn. */
public class ToolsUnavailableException extends RuntimeException {

	public ToolsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
