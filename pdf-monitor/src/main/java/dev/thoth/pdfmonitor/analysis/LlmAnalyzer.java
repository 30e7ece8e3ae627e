package dev.thoth.pdfmonitor.analysis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.ai.chat.client.ChatClient;

/**
 * A structured analysis from the configured model (OpenAI or compatible, Anthropic,
 * Ollama, through Spring AI). The answer must parse into the analysis schema and carry a
 * summary and tags; a call that times out or answers nonsense is retried, and after the
 * last attempt the analysis stage fails with the error, leaving the rest of the paper be.
 */
public class LlmAnalyzer {

	/** Enough of a paper to analyse it, within a small model's context. */
	private static final int MAX_BODY_CHARACTERS = 12_000;

	private static final String INSTRUCTIONS = """
			You analyse scientific papers for a researcher's library. Use only the text given.
			Answer with the requested JSON object and nothing else: summary (3 sentences), keyPoints,
			methodology, results, limitations, contributions (short statements, each a list of at most
			5 strings) and tags (3 to 8 lower-case topic tags).""";

	/** The shape the model must fill. */
	record Draft(String summary, List<String> keyPoints, List<String> methodology, List<String> results,
			List<String> limitations, List<String> contributions, List<String> tags) {
	}

	private final ChatClient client;

	private final String modelName;

	private final int maxAttempts;

	private final Duration timeout;

	public LlmAnalyzer(ChatClient client, String modelName, int maxAttempts, Duration timeout) {
		this.client = client;
		this.modelName = modelName;
		this.maxAttempts = maxAttempts;
		this.timeout = timeout;
	}

	public Analysis analyze(String title, String abstractText, String bodyText) {
		String body = (bodyText == null) ? "" : bodyText;
		String paper = "Title: " + title + "\n\nAbstract: " + abstractText + "\n\nText:\n"
				+ body.substring(0, Math.min(body.length(), MAX_BODY_CHARACTERS));
		RuntimeException last = null;
		try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
				Future<Draft> call = calls
					.submit(() -> this.client.prompt().system(INSTRUCTIONS).user(paper).call().entity(Draft.class));
				try {
					return accept(call.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS));
				}
				catch (TimeoutException ex) {
					call.cancel(true);
					last = new AnalysisFailedException("the model did not answer within " + this.timeout, ex);
				}
				catch (ExecutionException ex) {
					last = new AnalysisFailedException("the model's answer was unusable: " + ex.getCause().getMessage(),
							ex.getCause());
				}
				catch (AnalysisFailedException ex) {
					last = ex;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AnalysisFailedException("interrupted while waiting for the model", ex);
				}
			}
		}
		throw new AnalysisFailedException(
				"analysis failed after " + this.maxAttempts + " attempts: " + last.getMessage(), last);
	}

	private Analysis accept(Draft draft) {
		if (draft == null || draft.summary() == null || draft.summary().isBlank() || draft.tags() == null
				|| draft.tags().isEmpty()) {
			throw new AnalysisFailedException("the model's answer had no summary or no tags", null);
		}
		return new Analysis(draft.summary().strip(), orEmpty(draft.keyPoints()), orEmpty(draft.methodology()),
				orEmpty(draft.results()), orEmpty(draft.limitations()), orEmpty(draft.contributions()),
				draft.tags().stream().map((tag) -> tag.strip().toLowerCase(java.util.Locale.ROOT)).toList(),
				this.modelName);
	}

	private static List<String> orEmpty(List<String> items) {
		return (items == null) ? List.of() : items.stream().filter((item) -> item != null && !item.isBlank()).toList();
	}

	/** The analysis stage failed; the message says why. */
	public static class AnalysisFailedException extends RuntimeException {

		AnalysisFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
