package dev.thoth.mcp.tools;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Runs a tool's body and turns whatever goes wrong into a tool error a model can act on,
 * never a protocol error.
 */
public final class Guard {

	/** A tool's work. */
	@FunctionalInterface
	public interface Body {

		CallToolResult run() throws Exception;

	}

	private Guard() {
	}

	public static CallToolResult reply(Body body) {
		try {
			return body.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ToolResults.error("The call was cancelled before it finished.");
		}
		catch (Exception ex) {
			return ToolResults.error(ToolErrors.describe(ex));
		}
	}

}
