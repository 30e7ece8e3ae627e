package dev.thoth.discovery.sources;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.thoth.discovery.DiscoveryProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Every request to one source, the same way: paced by the source's minimum interval
 * (shared across replicas), through the source's own circuit breaker, retried on 429,
 * 503, other 5xx, time-outs and failed connections with exponential backoff or the wait
 * its {@code Retry-After} asks for (up to a limit), measured per source.
 * <p>
 * Written here rather than left to the platform's interceptor (which retries 503 at once
 * and breaks per host): a source's Retry-After must be honoured, its waits reported to
 * the run, and its breaker must be the source's even where two sources share a host.
 */
public final class SourceCalls {

	/** A source answer larger than this is refused rather than read into memory. */
	static final int MAX_BODY = 32 * 1024 * 1024;

	private final String source;

	private final RestClient client;

	private final Pacer pacer;

	private final Duration interval;

	private final CircuitBreaker breaker;

	private final DiscoveryProperties.Calls settings;

	private final SourceMetrics metrics;

	public SourceCalls(String source, RestClient client, Pacer pacer, Duration interval, CircuitBreaker breaker,
			DiscoveryProperties.Calls settings, SourceMetrics metrics) {
		this.source = source;
		this.client = client;
		this.pacer = pacer;
		this.interval = interval;
		this.breaker = breaker;
		this.settings = settings;
		this.metrics = metrics;
	}

	/** One answer of a source: its status, its Retry-After and its body. */
	record Answer(int status, String retryAfter, String body) {

	}

	/**
	 * The body of a successful answer to the request, after retries.
	 * @param what the request, for errors ("page 2")
	 * @throws SourceException when the source does not answer successfully
	 */
	public String fetch(SourceTally tally, String what, Function<RestClient, RestClient.RequestHeadersSpec<?>> request)
			throws SourceException {
		Duration backoff = this.settings.firstBackoff();
		for (int attempt = 1;; attempt++) {
			if (!this.breaker.tryAcquirePermission()) {
				this.metrics.request(this.source, "circuit_open", Duration.ZERO);
				throw new SourceException("circuit_open",
						this.source + " is failing repeatedly: its circuit breaker is open, so it is not called");
			}
			pace(tally);
			long started = System.nanoTime();
			Answer answer;
			try {
				tally.request();
				answer = request.apply(this.client).exchange((req, response) -> {
					try (InputStream body = response.getBody()) {
						byte[] bytes = body.readNBytes(MAX_BODY + 1);
						return new Answer(response.getStatusCode().value(),
								response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
								new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8));
					}
				});
			}
			catch (ResourceAccessException ex) {
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				this.breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, ex);
				boolean timeout = isTimeout(ex);
				String outcome = timeout ? "timeout" : "unreachable";
				this.metrics.request(this.source, outcome, took);
				String problem = timeout ? what + " timed out after " + this.settings.readTimeout().toMillis() + " ms"
						: what + " failed: " + rootMessage(ex);
				if (attempt >= this.settings.attempts()) {
					throw new SourceException(outcome, problem + " (" + attempt + " attempts)", ex);
				}
				tally.error(problem + "; tried again");
				sleep(tally, backoff, false);
				backoff = backoff.multipliedBy(2);
				continue;
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			int status = answer.status();
			if (status >= 200 && status < 300) {
				this.breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
				this.metrics.request(this.source, "success", took);
				if (answer.body().length() >= MAX_BODY) {
					throw new SourceException("malformed", what + ": the answer is larger than " + MAX_BODY + " bytes");
				}
				return answer.body();
			}
			if (status == 429 || status >= 500) {
				String outcome = (status == 429) ? "rate_limited" : "server_error";
				this.breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS,
						new IOException(this.source + " answered HTTP " + status));
				this.metrics.request(this.source, outcome, took);
				Duration asked = retryAfter(answer.retryAfter());
				Duration wait = (asked != null) ? asked : backoff;
				if (wait.compareTo(this.settings.maxWait()) > 0) {
					throw new SourceException(outcome, what + ": HTTP " + status + ", Retry-After " + wait.toSeconds()
							+ " s is longer than the longest wait (" + this.settings.maxWait().toSeconds() + " s)");
				}
				if (attempt >= this.settings.attempts()) {
					throw new SourceException(outcome, what + ": HTTP " + status + " "
							+ (status == 429 ? "(rate limited) " : "") + "after " + attempt + " attempts");
				}
				tally.error(what + ": HTTP " + status
						+ ((asked != null) ? ", Retry-After " + asked.toSeconds() + " s" : "") + "; tried again");
				sleep(tally, wait, status == 429 || status == 503);
				backoff = backoff.multipliedBy(2);
				continue;
			}
			// The source is up; the request is wrong (or needs a key): no retry.
			this.breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
			this.metrics.request(this.source, "client_error", took);
			throw new SourceException("client_error", what + ": HTTP " + status + snippet(answer.body()));
		}
	}

	private void pace(SourceTally tally) throws SourceException {
		try {
			Duration waited = this.pacer.await(this.source, this.interval);
			if (!waited.isZero()) {
				tally.waited(waited);
				this.metrics.waited(this.source, waited);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceException("interrupted", "interrupted while waiting for " + this.source, ex);
		}
	}

	private void sleep(SourceTally tally, Duration wait, boolean rateLimit) throws SourceException {
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceException("interrupted", "interrupted while waiting for " + this.source, ex);
		}
		if (rateLimit) {
			tally.waited(wait);
			this.metrics.waited(this.source, wait);
		}
	}

	/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
	static Duration retryAfter(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		try {
			long seconds = Long.parseLong(trimmed);
			return Duration.ofSeconds(Math.max(0, seconds));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
				return true;
			}
			if (cause instanceof ConnectException) {
				return false;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private static String snippet(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text = Text.squash(body);
		return ": " + ((text.length() > 200) ? text.substring(0, 200) + "…" : text);
	}

}
