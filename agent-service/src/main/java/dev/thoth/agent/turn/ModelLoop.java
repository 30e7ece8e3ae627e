package dev.thoth.agent.turn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.thoth.agent.AgentProperties;
import dev.thoth.agent.conversation.PendingAction;
import dev.thoth.agent.tools.ToolOutcome;
import dev.thoth.agent.tools.Toolbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * The agent's loop with a model: each step streams the model's answer (tokens to the
 * client) and runs the tools it asks for, until it answers without one, the step limit or
 * the token budget is reached, or a destructive tool waits for the user.
 */
final class ModelLoop {

	private static final Logger logger = LoggerFactory.getLogger(ModelLoop.class);

	/**
	 * The chat model itself, not Spring AI's chat client: the client runs every tool call
	 * through its tool-calling advisor, and the agent runs them itself (confirmation,
	 * events, limits), as Spring AI's user-controlled tool execution does.
	 */
	private final ChatModel model;

	private final AgentProperties properties;

	private final JsonMapper json;

	ModelLoop(ChatModel model, AgentProperties properties, JsonMapper json) {
		this.model = model;
		this.properties = properties;
		this.json = json;
	}

	/** Runs the turn; returns the action that waits for confirmation, if any. */
	PendingAction run(List<Message> conversation, Toolbox tools, TurnLog log, Cancellation cancellation) {
		List<Message> messages = new ArrayList<>(conversation);
		ToolCallingChatOptions options = withTools(tools);
		for (int step = 1; step <= this.properties.maxSteps(); step++) {
			cancellation.check();
			StepAnswer answer = stepWithRetries(new Prompt(messages, options), log, cancellation);
			log.tokens(answer.tokensIn(), answer.tokensOut());
			if (answer.toolCalls().isEmpty()) {
				return null;
			}
			messages.add(AssistantMessage.builder().content(answer.text()).toolCalls(answer.toolCalls()).build());
			List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
			for (AssistantMessage.ToolCall call : answer.toolCalls()) {
				Map<String, Object> arguments = arguments(call.arguments());
				if (DestructiveTools.destructive(call.name())) {
					log.token(separated(log, DestructiveTools.question(call.name(), arguments)));
					return new PendingAction(call.name(), arguments);
				}
				cancellation.check();
				ToolOutcome outcome = log.call(tools, call.name(), arguments);
				responses.add(new ToolResponseMessage.ToolResponse(call.id(), call.name(),
						Prompts.toolResult(call.name(), outcome.failed(), outcome.text())));
			}
			messages.add(ToolResponseMessage.builder().responses(responses).build());
			if (log.tokensUsed() >= this.properties.tokenBudget()) {
				log.token(separated(log, "(I stopped here: this turn used its token budget of "
						+ this.properties.tokenBudget() + " tokens.)"));
				return null;
			}
		}
		log.token(separated(log, "(I stopped here: this turn reached its limit of " + this.properties.maxSteps()
				+ " steps. Ask me to go on if you want more.)"));
		return null;
	}

	/**
	 * The provider's own options (its model, its settings) with the tools: a chat model
	 * takes only its own options type.
	 */
	private ToolCallingChatOptions withTools(Toolbox tools) {
		if (this.model.getDefaultOptions() instanceof ToolCallingChatOptions defaults) {
			return defaults.mutate().toolCallbacks(tools.declarations()).build();
		}
		return ToolCallingChatOptions.builder().toolCallbacks(tools.declarations()).build();
	}

	/**
	 * One model call; one that fails before its first token is tried again after a
	 * growing pause, then the turn fails with the model's error.
	 */
	private StepAnswer stepWithRetries(Prompt prompt, TurnLog log, Cancellation cancellation) {
		Duration pause = this.properties.modelBackoff();
		for (int attempt = 1;; attempt++) {
			StepAnswer.Builder answer = new StepAnswer.Builder(log);
			try {
				step(prompt, answer, cancellation);
				return answer.build(prompt);
			}
			catch (RuntimeException ex) {
				cancellation.check();
				if (answer.streamedText() || attempt >= this.properties.modelAttempts()) {
					throw new TurnFailedException("The model failed after " + attempt + " attempt"
							+ ((attempt == 1) ? "" : "s") + ": " + reason(ex), ex);
				}
				logger.warn("Model call failed (attempt {} of {}), retrying in {}: {}", attempt,
						this.properties.modelAttempts(), pause, reason(ex));
				sleep(pause, cancellation);
				pause = pause.multipliedBy(2);
			}
		}
	}

	private void step(Prompt prompt, StepAnswer.Builder answer, Cancellation cancellation) {
		Duration remaining = cancellation.remaining();
		try (Stream<ChatResponse> chunks = this.model.stream(prompt)
			.timeout(remaining)
			.takeUntilOther(cancellation.signal())
			.toStream()) {
			chunks.forEach(answer::add);
		}
		cancellation.check();
	}

	private Map<String, Object> arguments(String arguments) {
		if (arguments == null || arguments.isBlank()) {
			return Map.of();
		}
		try {
			return this.json.readValue(arguments, new TypeReference<LinkedHashMap<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			// The tool reports what is wrong with them; the model sees that and can
			// correct
			// itself.
			return Map.of("arguments", arguments);
		}
	}

	private static String separated(TurnLog log, String text) {
		return (log.reply().isEmpty() || log.reply().endsWith("\n")) ? text : "\n\n" + text;
	}

	private static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

	private static void sleep(Duration pause, Cancellation cancellation) {
		Duration wait = (pause.compareTo(cancellation.remaining()) < 0) ? pause : cancellation.remaining();
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TurnFailedException("The turn was interrupted.", ex);
		}
	}

	/** What one model call answered: its text, the tool calls it asks for, its tokens. */
	record StepAnswer(String text, List<AssistantMessage.ToolCall> toolCalls, long tokensIn, long tokensOut) {

		/** Collects a streamed answer, its text passed on to the client as it comes. */
		static final class Builder {

			private final TurnLog log;

			private final StringBuilder text = new StringBuilder();

			private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();

			private long promptTokens;

			private long completionTokens;

			Builder(TurnLog log) {
				this.log = log;
			}

			void add(ChatResponse chunk) {
				Usage usage = (chunk.getMetadata() != null) ? chunk.getMetadata().getUsage() : null;
				if (usage != null) {
					this.promptTokens = Math.max(this.promptTokens, zeroIfNull(usage.getPromptTokens()));
					this.completionTokens = Math.max(this.completionTokens, zeroIfNull(usage.getCompletionTokens()));
				}
				if (chunk.getResult() == null || chunk.getResult().getOutput() == null) {
					return;
				}
				AssistantMessage output = chunk.getResult().getOutput();
				if (output.getText() != null && !output.getText().isEmpty()) {
					this.text.append(output.getText());
					this.log.token(output.getText());
				}
				for (AssistantMessage.ToolCall call : output.getToolCalls()) {
					merge(call);
				}
			}

			/**
			 * Tool calls as complete calls, or in pieces (a piece without an id
			 * continues).
			 */
			private void merge(AssistantMessage.ToolCall call) {
				boolean continues = !this.toolCalls.isEmpty() && (call.id() == null || call.id().isEmpty()
						|| call.id().equals(this.toolCalls.getLast().id()));
				if (!continues) {
					this.toolCalls.add(call);
					return;
				}
				AssistantMessage.ToolCall last = this.toolCalls.removeLast();
				String name = (last.name() != null && !last.name().isEmpty()) ? last.name() : call.name();
				this.toolCalls.add(new AssistantMessage.ToolCall(last.id(), last.type(), name,
						last.arguments() + ((call.arguments() != null) ? call.arguments() : "")));
			}

			boolean streamedText() {
				return !this.text.isEmpty();
			}

			StepAnswer build(Prompt prompt) {
				// Estimated (about four characters a token) when the provider reports no
				// usage on a stream.
				long in = (this.promptTokens > 0) ? this.promptTokens : estimate(prompt.getContents());
				long out = (this.completionTokens > 0) ? this.completionTokens : estimate(this.text.toString())
						+ this.toolCalls.stream().mapToLong((call) -> estimate(call.name() + call.arguments())).sum();
				return new StepAnswer(this.text.toString(), List.copyOf(this.toolCalls), in, out);
			}

			private static long estimate(String text) {
				return (text == null) ? 0 : (text.length() + 3) / 4;
			}

			private static long zeroIfNull(Integer value) {
				return (value != null) ? value : 0;
			}

		}

	}

}
