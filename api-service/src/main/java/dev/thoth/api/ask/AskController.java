package dev.thoth.api.ask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import dev.thoth.clients.api.Answer;
import dev.thoth.clients.api.Question;
import dev.thoth.platform.input.InputRules;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/ask")
class AskController {

	private static final Log log = LogFactory.getLog(AskController.class);

	/** The longest an answer may take to stream, model included. */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(3);

	private final AskService ask;

	AskController(AskService ask) {
		this.ask = ask;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Answer a question from the library, with citations",
			description = "Every claim carries [n] citations to passages; when the library does not hold the "
					+ "answer, answered is false and the text says so. Send Accept: text/event-stream to "
					+ "receive the answer token by token (events token, citations, done).")
	Answer ask(@Valid @RequestBody Question question) {
		requireText(question);
		return this.ask.ask(question, (token) -> {
		});
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter askStreaming(@Valid @RequestBody Question question) {
		requireText(question);
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Thread.ofVirtual().name("ask-stream").start(() -> {
			try {
				Answer answer = this.ask.ask(question,
						(token) -> send(emitter, SseEmitter.event().name("token").data(token, MediaType.TEXT_PLAIN)));
				send(emitter,
						SseEmitter.event().name("citations").data(answer.citations(), MediaType.APPLICATION_JSON));
				send(emitter,
						SseEmitter.event()
							.name("done")
							.data(Map.of("answered", answer.answered(), "answeredBy", answer.answeredBy()),
									MediaType.APPLICATION_JSON));
				emitter.complete();
			}
			catch (UncheckedIOException ex) {
				// The client went away; nothing left to tell it.
				emitter.completeWithError(ex.getCause());
			}
			catch (RuntimeException ex) {
				log.warn("Answering failed: " + ex.getMessage(), ex);
				try {
					emitter
						.send(SseEmitter.event()
							.name("error")
							.data(Map.of("title", "Answer failed", "status", 502, "detail",
									"The answer could not be completed: " + ex.getMessage()),
									MediaType.APPLICATION_JSON));
					emitter.complete();
				}
				catch (IOException | IllegalStateException ignored) {
					emitter.completeWithError(ex);
				}
			}
		});
		return emitter;
	}

	/** Blank as Unicode and the document's {@code \\S} count it. */
	private static void requireText(Question question) {
		if (!InputRules.hasVisibleCharacter(question.question())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"question: must contain a letter, digit or symbol, not only blanks or invisible characters");
		}
	}

	private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
