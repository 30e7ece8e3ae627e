package dev.thoth.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of a text/event-stream endpoint over real HTTP, read line by line as the
 * server writes it (java.net.http's {@code BodyHandlers.ofLines()} on a virtual thread),
 * as a browser's EventSource would.
 */
public final class EventStreamClient implements AutoCloseable {

	/** One event: its name, id and data. */
	public record Event(String name, String id, String data) {
	}

	private static final String END = "\u0000end";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final CompletableFuture<HttpResponse<Stream<String>>> response = new CompletableFuture<>();

	private volatile boolean ended;

	private EventStreamClient(URI uri, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
		if (key != null) {
			request.header("X-API-Key", key);
		}
		Thread.ofVirtual().name("event-stream-client").start(() -> {
			try {
				HttpResponse<Stream<String>> answer = this.http.send(request.build(),
						HttpResponse.BodyHandlers.ofLines());
				this.response.complete(answer);
				try (Stream<String> body = answer.body()) {
					body.forEach(this.lines::add);
				}
			}
			catch (Exception ex) {
				this.response.completeExceptionally(ex);
			}
			finally {
				this.lines.add(END);
			}
		});
	}

	public static EventStreamClient open(URI uri, String key) {
		return new EventStreamClient(uri, key);
	}

	/** The response, once its headers have arrived. */
	public HttpResponse<Stream<String>> response() throws Exception {
		return this.response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Waits for the stream's first comment, after which every event published reaches it.
	 */
	public EventStreamClient awaitConnected() throws InterruptedException {
		String line = nextLine(WAIT);
		if (!": connected".equals(line) && !":connected".equals(line)) {
			throw new AssertionError("expected the stream to start with a ':connected' comment, got " + line);
		}
		return this;
	}

	/**
	 * The next event the predicate accepts, skipping others; null if none comes in time.
	 */
	public Event next(Predicate<Event> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Event event = nextEvent(Duration.ofNanos(deadline - System.nanoTime()));
			if (event == null) {
				return null;
			}
			if (wanted.test(event)) {
				return event;
			}
		}
		return null;
	}

	/** The next event, comments skipped; null when the stream ends or nothing comes. */
	public Event nextEvent(Duration wait) throws InterruptedException {
		String name = "message";
		String id = null;
		StringBuilder data = null;
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			String line = nextLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			if (line == null) {
				return null;
			}
			if (line.isEmpty()) {
				if (data != null) {
					return new Event(name, id, data.toString());
				}
				name = "message";
				id = null;
			}
			else if (line.startsWith("event:")) {
				name = line.substring(6).strip();
			}
			else if (line.startsWith("id:")) {
				id = line.substring(3).strip();
			}
			else if (line.startsWith("data:")) {
				String value = line.substring(5).stripLeading();
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
	}

	/** Waits for a comment line such as ": heartbeat"; false if the stream ends first. */
	public boolean awaitComment(String comment) throws InterruptedException {
		for (String line = nextLine(WAIT); line != null; line = nextLine(WAIT)) {
			if (line.startsWith(":") && line.substring(1).strip().equals(comment)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Waits until the server ends the stream; false if it is still open after the wait.
	 */
	public boolean awaitEnd(Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!this.ended && System.nanoTime() < deadline) {
			nextLine(Duration.ofNanos(deadline - System.nanoTime()));
		}
		return this.ended;
	}

	private String nextLine(Duration wait) throws InterruptedException {
		if (this.ended) {
			return null;
		}
		String line = this.lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
		if (END.equals(line)) {
			this.ended = true;
			return null;
		}
		return line;
	}

	@Override
	public void close() {
		// Drops the connection, as a browser tab that closes.
		this.http.shutdownNow();
	}

}
