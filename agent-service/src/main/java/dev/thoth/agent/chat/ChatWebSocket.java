package dev.thoth.agent.chat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.thoth.agent.AgentProperties;
import dev.thoth.agent.conversation.Session;
import dev.thoth.agent.tools.Caller;
import dev.thoth.agent.turn.Cancellation;
import dev.thoth.agent.turn.ChatTurns;
import dev.thoth.agent.turn.TurnEvent;
import dev.thoth.platform.input.InputRules;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /agent/v1/ws}: each text message {@code {"sessionId"?, "message"}} starts a
 * turn; its events come back as {@code {"event": name, "data": …}}, the same as the
 * stream's. Closing the socket cancels the turn that runs.
 */
class ChatWebSocket extends TextWebSocketHandler {

	private static final Log log = LogFactory.getLog(ChatWebSocket.class);

	private static final int MAX_MESSAGE = 20000;

	private static final String TURN = "turn";

	private final ChatTurns turns;

	private final AgentProperties properties;

	private final JsonMapper json;

	ChatWebSocket(ChatTurns turns, AgentProperties properties, JsonMapper json) {
		this.turns = turns;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		session.getAttributes().put("out", new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024));
		log.debug("WebSocket " + session.getId() + " opened");
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage text) throws IOException {
		log.debug("WebSocket " + session.getId() + ": a message of " + text.getPayloadLength() + " characters");
		WebSocketSession out = (WebSocketSession) session.getAttributes().get("out");
		Cancellation running = (Cancellation) session.getAttributes().get(TURN);
		if (running != null && !running.cancelled()) {
			send(out, "error", Map.of("message", "A turn is still running on this socket; wait for its done event."));
			return;
		}
		UUID sessionId;
		String message;
		try {
			JsonNode request = this.json.readTree(text.getPayload());
			message = request.path("message").asString("");
			String id = request.path("sessionId").asString("");
			sessionId = id.isBlank() ? null : UUID.fromString(id);
		}
		catch (RuntimeException ex) {
			send(out, "error", Map.of("message",
					"Send {\"sessionId\": optional UUID, \"message\": text} as JSON: " + ex.getMessage()));
			return;
		}
		String problem = problem(message);
		if (problem != null) {
			send(out, "error", Map.of("message", "message: " + problem));
			return;
		}
		Session conversation;
		try {
			conversation = this.turns.session(sessionId, message);
		}
		catch (ResponseStatusException ex) {
			send(out, "error", Map.of("message", String.valueOf(ex.getReason())));
			return;
		}
		Caller caller = Callers.from(session.getHandshakeHeaders(), null);
		Cancellation cancellation = new Cancellation(this.properties.turnTimeout());
		session.getAttributes().put(TURN, cancellation);
		Thread.ofVirtual()
			.name("ws-turn-" + conversation.id())
			.start(() -> this.turns.run(conversation, message, caller, (event) -> sendEvent(out, event, cancellation),
					cancellation));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		log.debug("WebSocket " + session.getId() + " closed: " + status);
		if (session.getAttributes().get(TURN) instanceof Cancellation running) {
			running.cancel();
		}
	}

	private static String problem(String message) {
		if (message.isBlank()) {
			return "must not be blank";
		}
		if (message.length() > MAX_MESSAGE) {
			return "size must be between 1 and " + MAX_MESSAGE;
		}
		return InputRules.violation(message, true);
	}

	private void sendEvent(WebSocketSession out, TurnEvent event, Cancellation cancellation) {
		try {
			send(out, event.name(), event);
		}
		catch (IOException | IllegalStateException ex) {
			cancellation.cancel();
			throw new IllegalStateException("the client went away", ex);
		}
	}

	private void send(WebSocketSession out, String event, Object data) throws IOException {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("event", event);
		frame.put("data", data);
		out.sendMessage(new TextMessage(this.json.writeValueAsString(frame)));
	}

}
