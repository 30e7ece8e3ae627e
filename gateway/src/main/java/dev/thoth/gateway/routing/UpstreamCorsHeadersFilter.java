package dev.thoth.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway answers CORS for everything it routes (THOTH_CORS_ORIGINS); the services'
 * own CORS headers are dropped, since a browser refuses a response with two
 * {@code Access-Control-Allow-Origin} headers. Done while the service's headers are
 * copied, before the response is committed.
 */
@Component
class UpstreamCorsHeadersFilter implements HttpHeadersFilter {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders filtered = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length())) {
				filtered.addAll(name, values);
			}
		});
		return filtered;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

}
