package dev.thoth.agent.turn;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The agent's series: {@code thoth_agent_turns_total{mode,outcome}},
 * {@code thoth_agent_tool_calls_seconds{tool,outcome}},
 * {@code thoth_agent_tokens_total{direction}} and
 * {@code thoth_agent_first_token_seconds}.
 */
@Component
class AgentMetrics {

	private final MeterRegistry registry;

	private final Counter tokensIn;

	private final Counter tokensOut;

	private final Timer firstToken;

	AgentMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.tokensIn = Counter.builder("thoth.agent.tokens")
			.description("Model tokens the agent's turns used")
			.tag("direction", "in")
			.register(registry);
		this.tokensOut = Counter.builder("thoth.agent.tokens")
			.description("Model tokens the agent's turns used")
			.tag("direction", "out")
			.register(registry);
		this.firstToken = Timer.builder("thoth.agent.first.token")
			.description("Time from a chat message to the first token of its reply")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(2))
			.register(registry);
		// Exported from the start: the tools the tool-first mode always calls.
		for (String tool : new String[] { "search_papers", "ask_library" }) {
			toolTimer(tool, false);
			toolTimer(tool, true);
		}
		for (String mode : new String[] { "model", "tools" }) {
			for (String outcome : new String[] { "done", "awaiting_confirmation", "error" }) {
				turnCounter(mode, outcome);
			}
		}
	}

	void turn(String mode, String outcome) {
		turnCounter(mode, outcome).increment();
	}

	void toolCall(String tool, boolean failed, long nanos) {
		toolTimer(tool, failed).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer toolTimer(String tool, boolean failed) {
		return Timer.builder("thoth.agent.tool.calls")
			.description("Tool calls the agent made through the MCP service")
			.tag("tool", tool)
			.tag("outcome", failed ? "error" : "ok")
			.register(this.registry);
	}

	void tokens(long in, long out) {
		this.tokensIn.increment(in);
		this.tokensOut.increment(out);
	}

	void firstToken(long nanos) {
		this.firstToken.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Counter turnCounter(String mode, String outcome) {
		return Counter.builder("thoth.agent.turns")
			.description("Chat turns, by mode (model or tool-first) and outcome")
			.tag("mode", mode)
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
