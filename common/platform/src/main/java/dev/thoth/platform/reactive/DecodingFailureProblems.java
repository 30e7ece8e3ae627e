package dev.thoth.platform.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.web.Problems;
import dev.thoth.platform.web.RequestIds;

import org.springframework.http.HttpStatus;

/**
 * Gives a problem-details body to the answers the HTTP server writes by itself, before
 * any filter runs, to a request it cannot decode: 400 (a malformed request line or
 * header), 414 (a URI too long) and 431 (headers too large). Reactor Netty sends these
 * with an empty body and offers no hook for it, so this handler sits behind the HTTP
 * codec and fills in an empty, untyped answer of those statuses.
 *
 * <p>
 * The connection then closes, lingering, as after any answer that says
 * {@code Connection: close}: closed at once with request bytes still unread (a long URI,
 * a body behind it), the kernel answers with a reset, which can destroy the answer before
 * the client has read it. So once the answer is written, what the client still sends is
 * read and discarded (the codec skips it after a failure), and the connection closes when
 * the client does, once it has sent nothing for {@link #LINGER_IDLE}, or after
 * {@link #LINGER_AT_MOST} (nginx's lingering close, with its 30 s bound): a client still
 * uploading a refused body, which many read only once they have sent it all, gets the
 * answer however long the upload takes up to that bound. Netty detects the silence
 * ({@link IdleStateHandler}) but has no lingering close, so the close is written here.
 */
class DecodingFailureProblems extends ChannelOutboundHandlerAdapter {

	static final String NAME = "thothDecodingFailureProblems";

	private static final Set<Integer> STATUSES = Set.of(400, 414, 431);

	private static final Map<Integer, String> DETAILS = Map.of(400, "The request could not be read as HTTP.", 414,
			"The request URI is too long.", 431, "The request headers are too large.");

	private static final Duration LINGER_IDLE = Duration.ofSeconds(2);

	private static final Duration LINGER_AT_MOST = Duration.ofSeconds(30);

	private static final String LINGER_NAME = "thothLingeringClose";

	private final JsonMapper jsonMapper;

	private boolean lingerOnClose;

	DecodingFailureProblems(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof FullHttpResponse response && STATUSES.contains(response.status().code())
				&& response.content().readableBytes() == 0
				&& !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
			HttpStatus status = HttpStatus.valueOf(response.status().code());
			String requestId = UUID.randomUUID().toString();
			var problem = Problems.of(status, DETAILS.get(status.value()), null);
			problem.setProperty(RequestIds.MDC_KEY, requestId);
			byte[] body = this.jsonMapper.writeValueAsString(Problems.toJson(problem)).getBytes(StandardCharsets.UTF_8);
			FullHttpResponse withBody = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
					Unpooled.wrappedBuffer(body));
			withBody.headers().set(response.headers());
			withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
			withBody.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
			withBody.headers().set(RequestIds.HEADER, requestId);
			// The server closes a connection it could not decode; saying so keeps a
			// client
			// from sending its next request on it (a POST, which it does not retry, then
			// got no answer at all).
			withBody.headers().set(HttpHeaderNames.CONNECTION, "close");
			response.release();
			this.lingerOnClose = true;
			ctx.write(withBody, promise);
			return;
		}
		if (msg instanceof HttpResponse response
				&& response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
			// An answer that ends the connection, such as a 413 for a body cut off
			// while it streamed: the rest of that body is unread too.
			this.lingerOnClose = true;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
		if (ctx.pipeline().get(LINGER_NAME) != null) {
			// A linger is under way: this close is done when it is.
			ctx.channel().closeFuture().addListener((closed) -> promise.trySuccess());
			return;
		}
		if (!this.lingerOnClose || !ctx.channel().isActive()) {
			ctx.close(promise);
			return;
		}
		// The answer is written (the server closes once it is); keep reading, and
		// discarding, what the client still sends until it closes or falls silent.
		this.lingerOnClose = false;
		// Cancelled, the promise would make the close below a no-op and leave the
		// connection open.
		promise.setUncancellable();
		Runnable closeOnce = new Runnable() {

			private boolean closed;

			@Override
			public void run() {
				if (!this.closed) {
					this.closed = true;
					ctx.close(promise);
				}
			}

		};
		// First in the pipeline, so every byte the client sends counts: after a
		// decoding failure the HTTP codec passes nothing on.
		ctx.pipeline().addFirst(LINGER_NAME, new IdleStateHandler(LINGER_IDLE.toNanos(), 0, 0, TimeUnit.NANOSECONDS) {

			@Override
			protected void channelIdle(ChannelHandlerContext idle, IdleStateEvent event) {
				closeOnce.run();
			}

		});
		ScheduledFuture<?> bound = ctx.executor().schedule(closeOnce, LINGER_AT_MOST.toNanos(), TimeUnit.NANOSECONDS);
		ctx.channel().closeFuture().addListener((closedByClient) -> {
			bound.cancel(false);
			closeOnce.run();
		});
		ctx.channel().config().setAutoRead(true);
		ctx.read();
	}

}
