package dev.thoth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat completions endpoint on loopback that answers in the shape of
 * OpenAI's published API, replaying the answers a test queues: content, a delay, or an
 * HTTP error. It stands in for a model provider, which tests cannot reach.
 */
public final class FakeOpenAiServer implements AutoCloseable {

	/** One queued answer: content, or calls of the client's tools. */
	public record Answer(String content, Duration delay, int status, List<ToolCall> toolCalls) {

		public Answer(String content, Duration delay, int status) {
			this(content, delay, status, List.of());
		}

		public static Answer content(String content) {
			return new Answer(content, Duration.ZERO, 200);
		}

		public static Answer slow(String content, Duration delay) {
			return new Answer(content, delay, 200);
		}

		public static Answer error(int status) {
			return new Answer(null, Duration.ZERO, status);
		}

		/** The model asks for one tool call; arguments as a JSON object. */
		public static Answer toolCall(String name, String arguments) {
			return new Answer(null, Duration.ZERO, 200, List.of(new ToolCall(name, arguments)));
		}

		public static Answer toolCalls(ToolCall... calls) {
			return new Answer(null, Duration.ZERO, 200, List.of(calls));
		}

	}

	/** A function call the model asks the client to make. */
	public record ToolCall(String name, String arguments) {
	}

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile Answer fallback = Answer.error(500);

	public FakeOpenAiServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The base URL to configure, including {@code /v1} as OpenAI's own is. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	public FakeOpenAiServer enqueue(Answer... answers) {
		this.answers.addAll(List.of(answers));
		return this;
	}

	/** The answer given once the queue is empty. */
	public FakeOpenAiServer otherwise(Answer answer) {
		this.fallback = answer;
		return this;
	}

	/** The request bodies received, in order. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
				send(exchange, 404, "{\"error\":{\"message\":\"unknown path\",\"type\":\"invalid_request_error\"}}");
				return;
			}
			this.requests.add(body);
			Answer answer = this.answers.poll();
			if (answer == null) {
				answer = this.fallback;
			}
			if (!answer.delay().isZero()) {
				Thread.sleep(answer.delay());
			}
			if (answer.status() != 200) {
				send(exchange, answer.status(),
						"{\"error\":{\"message\":\"fake failure\",\"type\":\"server_error\",\"code\":null}}");
				return;
			}
			boolean streamed = body.replace(" ", "").contains("\"stream\":true");
			if (!answer.toolCalls().isEmpty()) {
				if (streamed) {
					streamToolCalls(exchange, answer.toolCalls());
				}
				else {
					send(exchange, 200, toolCompletion(answer.toolCalls()));
				}
				return;
			}
			if (streamed) {
				stream(exchange, answer.content());
				return;
			}
			send(exchange, 200, completion(answer.content()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String completion(String content) {
		return """
				{"id":"chatcmpl-fake-%d","object":"chat.completion","created":%d,"model":"fake-model",
				 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
				 "logprobs":null,"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}
				""".formatted(this.ids.incrementAndGet(), System.currentTimeMillis() / 1000,
				FakeResponses.jsonString(content));
	}

	private String toolCompletion(List<ToolCall> calls) {
		StringBuilder toolCalls = new StringBuilder();
		for (ToolCall call : calls) {
			toolCalls.append((toolCalls.isEmpty()) ? "" : ",")
				.append("{\"id\":\"call_")
				.append(this.ids.incrementAndGet())
				.append("\",\"type\":\"function\",\"function\":{\"name\":")
				.append(FakeResponses.jsonString(call.name()))
				.append(",\"arguments\":")
				.append(FakeResponses.jsonString(call.arguments()))
				.append("}}");
		}
		return """
				{"id":"chatcmpl-fake-%d","object":"chat.completion","created":%d,"model":"fake-model",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[%s]},
				 "logprobs":null,"finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}
				""".formatted(this.ids.incrementAndGet(), System.currentTimeMillis() / 1000, toolCalls);
	}

	/**
	 * Tool calls streamed as OpenAI streams them: each call's id and name first, then its
	 * arguments in pieces, then a chunk with the finish reason {@code tool_calls}.
	 */
	private void streamToolCalls(HttpExchange exchange, List<ToolCall> calls) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		long id = this.ids.incrementAndGet();
		long created = System.currentTimeMillis() / 1000;
		var output = exchange.getResponseBody();
		for (int index = 0; index < calls.size(); index++) {
			ToolCall call = calls.get(index);
			String callId = "call_" + this.ids.incrementAndGet();
			output.write(chunk(id, created,
					"{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":" + index + ",\"id\":\""
							+ callId + "\",\"type\":\"function\",\"function\":{\"name\":"
							+ FakeResponses.jsonString(call.name()) + ",\"arguments\":\"\"}}]}",
					"null"));
			String arguments = call.arguments();
			int half = arguments.length() / 2;
			for (String piece : new String[] { arguments.substring(0, half), arguments.substring(half) }) {
				output.write(chunk(id, created, "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
						+ FakeResponses.jsonString(piece) + "}}]}", "null"));
			}
			output.flush();
		}
		output.write(chunk(id, created, "{}", "\"tool_calls\""));
		output.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		output.flush();
	}

	/**
	 * A streamed completion as OpenAI sends it: server-sent events of chunks, a word at a
	 * time, a last chunk with the finish reason, then {@code [DONE]}.
	 */
	private void stream(HttpExchange exchange, String content) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		long id = this.ids.incrementAndGet();
		long created = System.currentTimeMillis() / 1000;
		var output = exchange.getResponseBody();
		String[] words = content.split("(?<= )");
		for (String word : words) {
			output.write(chunk(id, created, "{\"content\":" + FakeResponses.jsonString(word) + "}", "null"));
			output.flush();
		}
		output.write(chunk(id, created, "{}", "\"stop\""));
		output.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		output.flush();
	}

	private static byte[] chunk(long id, long created, String delta, String finishReason) {
		return ("data: {\"id\":\"chatcmpl-fake-" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
				+ ",\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":" + delta
				+ ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		FakeResponses.send(exchange, status, "application/json", body);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
