package dev.thoth.mcp.synthesis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.ai.chat.client.ChatClient;

/**
 * The configured language model (THOTH_LLM_*), for the synthesis tools and
 * evaluate_paper; absent without one, and then they give a deterministic extractive
 * result and say so.
 */
public final class ModelWriter {

	private final ChatClient client;

	private final String name;

	private final Duration timeout;

	ModelWriter(ChatClient client, String name, Duration timeout) {
		this.client = client;
		this.name = name;
		this.timeout = timeout;
	}

	static ModelWriter none() {
		return new ModelWriter(null, null, Duration.ZERO);
	}

	public boolean available() {
		return this.client != null;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The model's answer parsed into {@code type}; empty when it failed or took too long.
	 */
	public <T> Optional<T> write(String instructions, String input, Class<T> type) {
		if (this.client == null) {
			return Optional.empty();
		}
		try (ExecutorService call = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<T> answer = call
				.submit(() -> this.client.prompt().system(instructions).user(input).call().entity(type));
			try {
				return Optional.ofNullable(answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (TimeoutException | ExecutionException ex) {
				answer.cancel(true);
				return Optional.empty();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
	}

}
