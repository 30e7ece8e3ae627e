package dev.thoth.agent.turn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.thoth.agent.tools.Citation;
import dev.thoth.agent.tools.ToolOutcome;
import dev.thoth.agent.tools.Toolbox;

/**
 * One turn as it happens: passes each event to the client, and keeps the reply, the tool
 * calls, the citations and the tokens for the stored message and the metrics.
 */
final class TurnLog {

	private static final int RESULT_EVENT_LENGTH = 2000;

	private final UUID sessionId;

	private final Consumer<TurnEvent> client;

	private final AgentMetrics metrics;

	private final long started = System.nanoTime();

	private final StringBuilder reply = new StringBuilder();

	private final List<TurnEvent.ToolCallMade> toolCalls = new ArrayList<>();

	private final Map<String, Citation> citations = new LinkedHashMap<>();

	private long tokensIn;

	private long tokensOut;

	private boolean firstToken = true;

	private int calls;

	TurnLog(UUID sessionId, Consumer<TurnEvent> client, AgentMetrics metrics) {
		this.sessionId = sessionId;
		this.client = client;
		this.metrics = metrics;
	}

	UUID sessionId() {
		return this.sessionId;
	}

	void token(String text) {
		if (text == null || text.isEmpty()) {
			return;
		}
		if (this.firstToken) {
			this.firstToken = false;
			this.metrics.firstToken(System.nanoTime() - this.started);
		}
		this.reply.append(text);
		this.client.accept(new TurnEvent.Token(text));
	}

	/**
	 * Runs a tool call and reports it: the call, its result, and citations new to the
	 * turn.
	 */
	ToolOutcome call(Toolbox tools, String tool, Map<String, Object> arguments) {
		String id = "call-" + (++this.calls);
		this.client.accept(new TurnEvent.ToolCall(id, tool, arguments));
		long start = System.nanoTime();
		ToolOutcome outcome = tools.call(tool, arguments);
		this.metrics.toolCall(tool, outcome.failed(), System.nanoTime() - start);
		this.toolCalls.add(new TurnEvent.ToolCallMade(tool, arguments, outcome.failed()));
		String text = outcome.text();
		this.client.accept(new TurnEvent.ToolResult(id, tool, outcome.failed(),
				(text.length() <= RESULT_EVENT_LENGTH) ? text : text.substring(0, RESULT_EVENT_LENGTH) + "…"));
		for (Citation citation : outcome.citations()) {
			String key = citation.paperId() + "#" + citation.page();
			if (this.citations.putIfAbsent(key, citation) == null) {
				this.client.accept(new TurnEvent.CitationFound(citation));
			}
		}
		return outcome;
	}

	void tokens(long in, long out) {
		this.tokensIn += in;
		this.tokensOut += out;
		this.metrics.tokens(in, out);
	}

	long tokensUsed() {
		return this.tokensIn + this.tokensOut;
	}

	String reply() {
		return this.reply.toString();
	}

	List<TurnEvent.ToolCallMade> toolCalls() {
		return List.copyOf(this.toolCalls);
	}

	List<Citation> citations() {
		return List.copyOf(this.citations.values());
	}

	TurnEvent.Done done(boolean awaitingConfirmation, String mode) {
		return new TurnEvent.Done(this.sessionId, reply(), toolCalls(), citations(), awaitingConfirmation, mode,
				new TurnEvent.Tokens(this.tokensIn, this.tokensOut));
	}

}
