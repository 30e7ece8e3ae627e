package dev.thoth.agent.turn;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.agent.tools.Citation;

/** What a turn reports as it goes, in order; each kind is a named event of the stream. */
public sealed interface TurnEvent {

	/** The event's name on the stream. */
	String name();

	/** A piece of the reply. */
	record Token(String text) implements TurnEvent {

		@Override
		public String name() {
			return "token";
		}

	}

	/** A tool the agent calls. */
	record ToolCall(String id, String tool, Map<String, Object> arguments) implements TurnEvent {

		@Override
		public String name() {
			return "tool_call";
		}

	}

	/** What a tool gave (shortened), or why it failed. */
	record ToolResult(String id, String tool, boolean failed, String text) implements TurnEvent {

		@Override
		public String name() {
			return "tool_result";
		}

	}

	/** A passage the reply may cite, the first time a tool found it. */
	record CitationFound(Citation citation) implements TurnEvent {

		@Override
		public String name() {
			return "citation";
		}

	}

	/**
	 * The turn's end: the whole reply, the tool calls made, the citations, and whether
	 * the agent waits for the user to confirm a destructive action.
	 */
	record Done(UUID sessionId, String reply, List<ToolCallMade> toolCalls, List<Citation> citations,
			boolean awaitingConfirmation, String mode, Tokens tokens) implements TurnEvent {

		@Override
		public String name() {
			return "done";
		}

	}

	/** The turn failed; the user's message is kept in the session. */
	record Error(UUID sessionId, String message) implements TurnEvent {

		@Override
		public String name() {
			return "error";
		}

	}

	/** A tool call as the reply lists it. */
	record ToolCallMade(String tool, Map<String, Object> arguments, boolean failed) {
	}

	/** Tokens the turn used over every step (estimated where a provider reports none). */
	record Tokens(long in, long out) {
	}

}
