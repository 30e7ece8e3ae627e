package dev.thoth.mcp.server;

import java.util.List;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * The stateless streamable-HTTP transport, with every failure answered in the protocol: a
 * request for a method the server does not offer, or a handler that fails, becomes a
 * JSON-RPC error response rather than the HTTP 500 the SDK's transport sends when the
 * handler's Mono fails outside its own error mapping.
 */
final class SafeStatelessTransport implements McpStatelessServerTransport {

	private static final Log log = LogFactory.getLog(SafeStatelessTransport.class);

	private final McpStatelessServerTransport delegate;

	SafeStatelessTransport(McpStatelessServerTransport delegate) {
		this.delegate = delegate;
	}

	@Override
	public void setMcpHandler(McpStatelessServerHandler handler) {
		this.delegate.setMcpHandler(new McpStatelessServerHandler() {

			@Override
			public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context,
					McpSchema.JSONRPCRequest request) {
				return Mono.defer(() -> handler.handleRequest(context, request)).onErrorResume((failure) -> {
					McpSchema.JSONRPCResponse.JSONRPCError error;
					if (failure instanceof McpError mcp && mcp.getJsonRpcError() != null) {
						error = mcp.getJsonRpcError();
					}
					else {
						log.warn("MCP request " + request.method() + " failed: " + failure.getMessage(), failure);
						error = new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
								"The request failed; quote the request id when reporting it.", null);
					}
					return Mono.just(McpSchema.JSONRPCResponse.error(request.id(), error));
				});
			}

			@Override
			public Mono<Void> handleNotification(McpTransportContext context,
					McpSchema.JSONRPCNotification notification) {
				return Mono.defer(() -> handler.handleNotification(context, notification)).onErrorResume((failure) -> {
					log.warn("MCP notification " + notification.method() + " failed: " + failure.getMessage());
					return Mono.empty();
				});
			}

		});
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

}
