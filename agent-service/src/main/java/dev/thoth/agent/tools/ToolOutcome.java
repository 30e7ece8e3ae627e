package dev.thoth.agent.tools;

import java.util.List;

/**
 * What one tool call gave: its text for the model, whether it failed, and the citations
 * found in its structured result.
 */
public record ToolOutcome(String tool, boolean failed, String text, List<Citation> citations) {

	public static ToolOutcome failure(String tool, String reason) {
		return new ToolOutcome(tool, true, reason, List.of());
	}

}
