package dev.thoth.gateway.routing;

import java.util.function.Predicate;

import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code LongLived}: a request whose response is a stream (server-sent events asked for
 * with {@code Accept: text/event-stream}) or a WebSocket upgrade. Such requests go to
 * routes without a response timeout, so a stream is never cut.
 */
@Component
class LongLivedRoutePredicateFactory extends AbstractRoutePredicateFactory<Object> {

	LongLivedRoutePredicateFactory() {
		super(Object.class);
	}

	@Override
	public Predicate<ServerWebExchange> apply(Object config) {
		return LongLivedRoutePredicateFactory::isLongLived;
	}

	static boolean isLongLived(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if ("websocket".equalsIgnoreCase(headers.getFirst(HttpHeaders.UPGRADE))) {
			return true;
		}
		try {
			return headers.getAccept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
