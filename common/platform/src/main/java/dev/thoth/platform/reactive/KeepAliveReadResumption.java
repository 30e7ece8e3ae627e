package dev.thoth.platform.reactive;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Makes a kept-alive connection read its next request after every answer. Reactor Netty
 * 1.3.6 reads on demand, and one path forgets to ask again: a request that arrived while
 * the one before it was still being answered waits in a queue, and when it is then
 * answered at once (a 401, for instance), the connection stops reading. Its next request
 * sits unread until the client gives up (reactor/reactor-netty#4361, fixed in a release
 * after 1.3.8, the newest the registry serves here). The gateway's tests met it now and
 * then: a GET unanswered for 20 s.
 * <p>
 * Reactor Netty signals each answered request with a package-private event, so it is
 * recognised by name. A read is then asked for once more, after whatever the server's own
 * handler queued in response to it; a read asked for when one is already pending changes
 * nothing. Remove this once a fixed Reactor Netty is served.
 */
class KeepAliveReadResumption extends ChannelInboundHandlerAdapter {

	static final String NAME = "thothKeepAliveReadResumption";

	private static final String REQUEST_TERMINATED = "reactor.netty.http.server.HttpServerOperationsTerminatedEvent";

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event.getClass().getName().equals(REQUEST_TERMINATED)) {
			Channel channel = ctx.channel();
			ctx.executor().execute(() -> {
				if (channel.isActive() && !channel.config().isAutoRead()) {
					channel.read();
				}
			});
		}
		super.userEventTriggered(ctx, event);
	}

}
