package dev.thoth.platform.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.MDC;

import dev.thoth.platform.web.RequestIds;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Every outbound call: passes the request id on, goes through a circuit breaker per
 * target host, and retries idempotent requests with exponential backoff on connection
 * failures and 502/503/504 answers. Timeouts come from the request factory.
 */
class ResilientHttpInterceptor implements ClientHttpRequestInterceptor {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE);

	private static final Set<Integer> RETRYABLE_STATUS = Set.of(502, 503, 504);

	// A pattern rather than a JSON parser: the platform's HTTP layer stays free of a
	// mapper, and a truncated body still yields its detail.
	private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,500})\"");

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	ResilientHttpInterceptor(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null && !request.getHeaders().containsHeader(RequestIds.HEADER)) {
			request.getHeaders().set(RequestIds.HEADER, requestId);
		}
		String target = target(request);
		CircuitBreaker circuitBreaker = this.circuitBreakers.circuitBreaker("http:" + target);
		Retry retry = this.retries.retry("http:" + target);
		boolean retryable = IDEMPOTENT.contains(request.getMethod());
		try {
			if (retryable) {
				return retry.executeCheckedSupplier(() -> attempt(circuitBreaker, target, request, body, execution));
			}
			return attempt(circuitBreaker, target, request, body, execution);
		}
		catch (CallNotPermittedException ex) {
			throw new DownstreamUnavailableException(target, "circuit breaker is open after repeated failures", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new DownstreamUnavailableException(target, ex.getMessage(), ex);
		}
	}

	private ClientHttpResponse attempt(CircuitBreaker circuitBreaker, String target, HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws Exception {
		return circuitBreaker.executeCallable(() -> {
			ClientHttpResponse response = execution.execute(request, body);
			int status = response.getStatusCode().value();
			if (RETRYABLE_STATUS.contains(status)) {
				String detail = problemDetail(response);
				response.close();
				throw new DownstreamUnavailableException(target,
						"answered HTTP " + status + ((detail != null) ? " (" + detail + ")" : ""), null);
			}
			return response;
		});
	}

	/**
	 * The detail of a problem answer, read from at most its first 4 KiB: a service that
	 * answers 503 because its own dependency is down says which, and that is what the
	 * caller's error should name.
	 */
	private static String problemDetail(ClientHttpResponse response) {
		try {
			MediaType type = response.getHeaders().getContentType();
			if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
				return null;
			}
			byte[] head = response.getBody().readNBytes(4096);
			Matcher detail = DETAIL.matcher(new String(head, StandardCharsets.UTF_8));
			return detail.find() ? detail.group(1).replace("\\\"", "\"") : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static String target(HttpRequest request) {
		int port = request.getURI().getPort();
		return request.getURI().getHost() + ((port != -1) ? ":" + port : "");
	}

}
