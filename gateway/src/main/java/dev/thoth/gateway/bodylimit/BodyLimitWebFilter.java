package dev.thoth.gateway.bodylimit;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.reactive.ReactiveProblems;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The API's upload limit at the front door: a body announced larger is a 413 problem
 * before any of it is read; a chunked body that grows past the limit is cut off with the
 * same 413. Either way the connection closes after the answer. Bodies otherwise stream
 * through, never held.
 */
@Component
@EnableConfigurationProperties(BodyLimitProperties.class)
class BodyLimitWebFilter implements WebFilter, Ordered {

	private final long maxBytes;

	private final String limit;

	private final JsonMapper jsonMapper;

	BodyLimitWebFilter(BodyLimitProperties properties, JsonMapper jsonMapper) {
		this.maxBytes = properties.maxBodyBytes();
		this.limit = describe(properties.maxSize());
		this.jsonMapper = jsonMapper;
	}

	@Override
	public int getOrder() {
		// After the request id and security (so a call without the key stays a 401).
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long announced = exchange.getRequest().getHeaders().getContentLength();
		if (announced > this.maxBytes) {
			// Closed after the answer, as nginx does. Kept open, the server reads and
			// drops megabytes it refuses, and a client that stops sending once it has
			// the answer (the JDK's did, now and then) leaves the connection mid-body:
			// its next request on it is read as that body and never answered.
			BodyTooLargeException.closeConnectionAfterAnswer(exchange);
			return ReactiveProblems.write(this.jsonMapper, exchange, HttpStatus.CONTENT_TOO_LARGE, detail());
		}
		if (announced >= 0) {
			// The server never reads past Content-Length: nothing more to count.
			return chain.filter(exchange);
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > BodyLimitWebFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						sink.error(new BodyTooLargeException(detail()));
					}
					else {
						sink.next(buffer);
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

	private String detail() {
		return "The request body is larger than the upload limit of " + this.limit + " (THOTH_UPLOAD_MAX_SIZE).";
	}

	private static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + "MB";
		}
		if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + "KB";
		}
		return bytes + " bytes";
	}

}
