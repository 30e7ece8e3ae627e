package dev.thoth.platform.reactive;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.web.Problems;
import dev.thoth.platform.web.RequestIds;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes an RFC 9457 problem as the whole response of a reactive exchange, with the
 * request id attached, for errors answered outside a controller (security, gateway
 * filters).
 */
public final class ReactiveProblems {

	private ReactiveProblems() {
	}

	public static Mono<Void> write(JsonMapper jsonMapper, ServerWebExchange exchange, HttpStatus status,
			String detail) {
		return write(jsonMapper, exchange, status, detail, exchange.getRequest().getPath().value());
	}

	/**
	 * As above, naming another instance (the client's path when a request was forwarded).
	 */
	public static Mono<Void> write(JsonMapper jsonMapper, ServerWebExchange exchange, HttpStatus status, String detail,
			String instance) {
		ProblemDetail problem = of(exchange, status, detail, instance);
		byte[] body = jsonMapper.writeValueAsString(Problems.toJson(problem)).getBytes(StandardCharsets.UTF_8);
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body);
		return exchange.getResponse().writeWith(Mono.just(buffer));
	}

	/** The problem for this exchange, with its request id. */
	public static ProblemDetail of(ServerWebExchange exchange, HttpStatus status, String detail, String instance) {
		return withRequestId(exchange, Problems.of(status, detail, instance));
	}

	/** The problem, carrying the exchange's request id when it has one. */
	static ProblemDetail withRequestId(ServerWebExchange exchange, ProblemDetail problem) {
		Object requestId = exchange.getAttribute(RequestIds.MDC_KEY);
		if (requestId != null) {
			problem.setProperty(RequestIds.MDC_KEY, requestId);
		}
		return problem;
	}

}
