package dev.thoth.agent.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.thoth.agent.AgentProperties;
import dev.thoth.agent.conversation.Session;
import dev.thoth.agent.tools.Caller;
import dev.thoth.agent.turn.Cancellation;
import dev.thoth.agent.turn.ChatTurns;
import dev.thoth.agent.turn.TurnEvent;
import dev.thoth.platform.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /agent/v1/chat}: the reply as one JSON answer, or with
 * {@code Accept: text/event-stream} as named events while the turn runs.
 */
@RestController
@RequestMapping("/agent/v1/chat")
class ChatController {

	static final String SESSION_HEADER = "X-Session-Id";

	/** Time for the last events after the turn's own timeout. */
	private static final Duration STREAM_GRACE = Duration.ofSeconds(30);

	private final ChatTurns turns;

	private final AgentProperties properties;

	ChatController(ChatTurns turns, AgentProperties properties) {
		this.turns = turns;
		this.properties = properties;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TurnEvent.Done> chat(@Valid @RequestBody ChatRequest request, @RequestHeader HttpHeaders headers,
			HttpServletRequest servlet) {
		Session session = this.turns.session(request.sessionId(), request.message());
		TurnEvent end = this.turns.run(session, request.message(), caller(headers, servlet), (event) -> {
		}, new Cancellation(this.properties.turnTimeout()));
		if (end instanceof TurnEvent.Error error) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, error.message());
		}
		return ResponseEntity.ok().header(SESSION_HEADER, session.id().toString()).body((TurnEvent.Done) end);
	}

	@PostMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> stream(@Valid @RequestBody ChatRequest request, @RequestHeader HttpHeaders headers,
			HttpServletRequest servlet) {
		Session session = this.turns.session(request.sessionId(), request.message());
		Caller caller = caller(headers, servlet);
		SseEmitter emitter = new SseEmitter(this.properties.turnTimeout().plus(STREAM_GRACE).toMillis());
		Cancellation cancellation = new Cancellation(this.properties.turnTimeout());
		// A client that goes away completes or fails the emitter; either ends the turn.
		emitter.onCompletion(cancellation::cancel);
		emitter.onTimeout(cancellation::cancel);
		emitter.onError((failure) -> cancellation.cancel());
		Thread.ofVirtual().name("turn-" + session.id()).start(() -> {
			MDC.put(RequestIds.MDC_KEY, caller.requestId());
			try {
				this.turns.run(session, request.message(), caller, (event) -> send(emitter, event, cancellation),
						cancellation);
				emitter.complete();
			}
			catch (RuntimeException ex) {
				emitter.completeWithError(ex);
			}
			finally {
				MDC.remove(RequestIds.MDC_KEY);
			}
		});
		return ResponseEntity.ok().header(SESSION_HEADER, session.id().toString()).body(emitter);
	}

	/** Sends an event; a client that went away cancels the turn. */
	private static void send(SseEmitter emitter, TurnEvent event, Cancellation cancellation) {
		try {
			emitter.send(SseEmitter.event().name(event.name()).data(event, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			cancellation.cancel();
			throw new UncheckedIOException(new IOException("the client went away", ex));
		}
	}

	private static Caller caller(HttpHeaders headers, HttpServletRequest servlet) {
		return Callers.from(headers, (String) servlet.getAttribute(RequestIds.MDC_KEY));
	}

}
