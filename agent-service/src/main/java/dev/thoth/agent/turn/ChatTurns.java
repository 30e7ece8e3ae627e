package dev.thoth.agent.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.thoth.agent.AgentProperties;
import dev.thoth.agent.conversation.ConversationStore;
import dev.thoth.agent.conversation.PendingAction;
import dev.thoth.agent.conversation.Session;
import dev.thoth.agent.conversation.StoredMessage;
import dev.thoth.agent.memory.CoreMemory;
import dev.thoth.agent.tools.Caller;
import dev.thoth.agent.tools.McpTools;
import dev.thoth.agent.tools.ToolOutcome;
import dev.thoth.agent.tools.Toolbox;
import dev.thoth.agent.tools.ToolsUnavailableException;
import dev.thoth.platform.config.ThothProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs one chat turn: the session, a confirmation the user gives, the model's loop (or
 * the tool-first mode without a model), and the messages kept in the session.
 */
@Service
public class ChatTurns {

	private static final Logger logger = LoggerFactory.getLogger(ChatTurns.class);

	/** Earlier messages given to the model with each turn. */
	private static final int HISTORY = 40;

	private final ConversationStore store;

	private final McpTools mcp;

	private final CoreMemory memory;

	private final AgentMetrics metrics;

	private final ModelLoop loop;

	private final JsonMapper json;

	ChatTurns(ConversationStore store, McpTools mcp, CoreMemory memory, AgentMetrics metrics,
			ObjectProvider<ChatModel> models, ThothProperties thoth, AgentProperties properties, JsonMapper json) {
		this.store = store;
		this.mcp = mcp;
		this.memory = memory;
		this.metrics = metrics;
		this.json = json;
		this.loop = thoth.llm().enabled() ? new ModelLoop(model(models, thoth), properties, json) : null;
	}

	/**
	 * The model THOTH_LLM_PROVIDER names; one that cannot be set up stops start-up, never
	 * a silent fall-back to the tool-first mode.
	 */
	private static ChatModel model(ObjectProvider<ChatModel> models, ThothProperties thoth) {
		ChatModel model = models.getIfAvailable();
		if (model == null) {
			throw new IllegalStateException("THOTH_LLM_PROVIDER=" + thoth.llm().provider()
					+ " is set, but no chat model for it could be configured");
		}
		return model;
	}

	public boolean modelConfigured() {
		return this.loop != null;
	}

	/** The session a message goes to: the one named, or a new one. */
	public Session session(UUID sessionId, String message) {
		if (sessionId == null) {
			return this.store.create(message);
		}
		return this.store.find(sessionId).orElseThrow(() -> new UnknownSessionException(sessionId));
	}

	/**
	 * Runs the turn, passing every event to {@code client}; ends with a done or an error
	 * event, which it also returns.
	 */
	public TurnEvent run(Session session, String message, Caller caller, Consumer<TurnEvent> client,
			Cancellation cancellation) {
		String mode = modelConfigured() ? "model" : "tools";
		List<StoredMessage> history = this.store.messages(session.id());
		this.store.append(session.id(), StoredMessage.USER, message, null, null);
		TurnLog log = new TurnLog(session.id(), client, this.metrics);
		try (Toolbox tools = this.mcp.open(caller)) {
			ConfirmedCall confirmed = this.store.takePendingAction(session.id())
				.filter((action) -> DestructiveTools.confirms(message))
				.map((action) -> runConfirmed(action, tools, log))
				.orElse(null);
			PendingAction pending;
			if (this.loop != null) {
				pending = this.loop.run(conversation(history, message, confirmed, log), tools, log, cancellation);
			}
			else {
				pending = (confirmed != null) ? null : toolFirst(message, tools, log);
			}
			if (pending != null) {
				this.store.awaitConfirmation(session.id(), pending);
			}
			this.store.append(session.id(), StoredMessage.ASSISTANT, log.reply(), log.toolCalls(), log.citations());
			this.metrics.turn(mode, (pending != null) ? "awaiting_confirmation" : "done");
			TurnEvent done = log.done(pending != null, mode);
			client.accept(done);
			return done;
		}
		catch (TurnFailedException | ToolsUnavailableException ex) {
			return failed(session, mode, ex.getMessage(), client);
		}
		catch (RuntimeException ex) {
			if (cancellation.cancelled()) {
				return failed(session, mode, "The turn was cancelled.", client);
			}
			logger.error("Turn failed in session {}", session.id(), ex);
			return failed(session, mode, "The turn failed: " + ex.getMessage(), client);
		}
	}

	private TurnEvent failed(Session session, String mode, String message, Consumer<TurnEvent> client) {
		this.metrics.turn(mode, "error");
		TurnEvent error = new TurnEvent.Error(session.id(), message);
		try {
			client.accept(error);
		}
		catch (RuntimeException ex) {
			// The client is gone; the error is logged and counted.
			logger.info("Turn in session {} ended with an error the client did not receive: {}", session.id(), message);
		}
		return error;
	}

	private PendingAction toolFirst(String message, Toolbox tools, TurnLog log) {
		ToolFirstMode.run(message, tools, log);
		return null;
	}

	/** The action the user just confirmed, run; its outcome is kept for the model. */
	private ConfirmedCall runConfirmed(PendingAction action, Toolbox tools, TurnLog log) {
		Map<String, Object> arguments = DestructiveTools.confirmedArguments(action);
		ToolOutcome outcome = log.call(tools, action.tool(), arguments);
		if (this.loop == null) {
			log.token((outcome.failed() ? "It failed: " : "Done: ") + outcome.text());
		}
		return new ConfirmedCall(action.tool(), this.json.writeValueAsString(arguments),
				Prompts.toolResult(action.tool(), outcome.failed(), outcome.text()));
	}

	private List<Message> conversation(List<StoredMessage> history, String message, ConfirmedCall confirmed,
			TurnLog log) {
		List<Message> messages = new ArrayList<>();
		messages.add(new SystemMessage(Prompts.system(this.memory.promptSection())));
		for (StoredMessage earlier : history.subList(Math.max(0, history.size() - HISTORY), history.size())) {
			messages.add(earlier.role().equals(StoredMessage.USER) ? new UserMessage(earlier.content())
					: new AssistantMessage(earlier.content()));
		}
		messages.add(new UserMessage(message));
		if (confirmed != null) {
			// The confirmed call, as if the model had made it this turn, so it writes the
			// reply.
			String id = "confirmed-" + log.sessionId();
			messages.add(AssistantMessage.builder()
				.content("")
				.toolCalls(
						List.of(new AssistantMessage.ToolCall(id, "function", confirmed.tool(), confirmed.arguments())))
				.build());
			messages.add(ToolResponseMessage.builder()
				.responses(List.of(new ToolResponseMessage.ToolResponse(id, confirmed.tool(), confirmed.result())))
				.build());
		}
		return messages;
	}

	/**
	 * A destructive call the user confirmed and the agent ran: arguments as JSON, the
	 * result as the model reads it.
	 */
	private record ConfirmedCall(String tool, String arguments, String result) {
	}

}
