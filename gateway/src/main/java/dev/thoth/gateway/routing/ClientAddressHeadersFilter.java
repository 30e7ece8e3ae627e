package dev.thoth.gateway.routing;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the client's own address first in {@code X-Forwarded-For}, where the services'
 * per-client rate limit looks for it. The gateway's {@link XForwardedHeadersFilter} keeps
 * only the trusted proxies' addresses in that header, so a client on the internet behind
 * nginx would vanish from it and every such client would share one limit. The first
 * address a trusted proxy sent is the client: nginx, the edge, replaces whatever the
 * client claimed with the address it saw. From an untrusted peer nothing is kept.
 */
@Component
class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

	private static final String X_FORWARDED_FOR = XForwardedHeadersFilter.X_FORWARDED_FOR_HEADER;

	private final Pattern trustedProxies;

	ClientAddressHeadersFilter(@Value("${spring.cloud.gateway.server.webflux.trusted-proxies}") String trustedProxies) {
		this.trustedProxies = Pattern.compile(trustedProxies);
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
		String sent = exchange.getRequest().getHeaders().getFirst(X_FORWARDED_FOR);
		if (peer == null || peer.getAddress() == null || sent == null || sent.isBlank()) {
			return input;
		}
		String proxy = peer.getAddress().getHostAddress();
		String client = sent.split(",")[0].strip();
		if (!this.trustedProxies.matcher(proxy).matches() || client.isEmpty()) {
			return input;
		}
		HttpHeaders updated = new HttpHeaders();
		input.forEach(updated::addAll);
		updated.set(X_FORWARDED_FOR, client + ", " + proxy);
		return updated;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	@Override
	public int getOrder() {
		// After XForwardedHeadersFilter (order 0), whose result this corrects.
		return 1;
	}

}
