package dev.thoth.platform.reactive;

import reactor.core.publisher.Mono;

import dev.thoth.platform.web.RequestIds;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Accepts or generates the request id, returns it, passes it on to the routed service,
 * and keeps it in the Reactor context for logging.
 */
class RequestIdWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(RequestIds.HEADER, requestId))
			.build();
		// Set just before the response is committed, replacing the routed service's copy.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		exchange.getAttributes().put(RequestIds.MDC_KEY, requestId);
		return chain.filter(exchange.mutate().request(request).build())
			.contextWrite((context) -> context.put(RequestIds.MDC_KEY, requestId));
	}

}
