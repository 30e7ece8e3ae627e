package dev.thoth.agent.turn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.thoth.agent.conversation.PendingAction;

/**
 * The tools that destroy what cannot be got back, which run only after the user confirms
 * in the conversation, and what counts as that confirmation.
 */
final class DestructiveTools {

	static final Set<String> NAMES = Set.of("delete_paper", "merge_tags", "delete_research_query");

	private static final Pattern CONFIRMATION = Pattern
		.compile("(?i)\\s*(yes|y|yep|confirm|confirmed|i confirm|do it|go ahead|proceed)\\b[\\s\\S]{0,80}");

	private DestructiveTools() {
	}

	static boolean destructive(String tool) {
		return NAMES.contains(tool);
	}

	/** The user's message agrees to the action the agent asked about. */
	static boolean confirms(String message) {
		return CONFIRMATION.matcher(message).matches() && !message.toLowerCase().contains("don't")
				&& !message.toLowerCase().contains("do not");
	}

	/** The arguments the confirmed call runs with: delete_paper needs confirm=true. */
	static Map<String, Object> confirmedArguments(PendingAction action) {
		Map<String, Object> arguments = new LinkedHashMap<>(action.arguments());
		if (action.tool().equals("delete_paper")) {
			arguments.put("confirm", true);
		}
		return arguments;
	}

	static String question(String tool, Map<String, Object> arguments) {
		return "I would run " + tool + " with " + arguments + ". That cannot be undone, so I have not run it. "
				+ "Reply \"yes\" to go ahead; anything else cancels it.";
	}

}
