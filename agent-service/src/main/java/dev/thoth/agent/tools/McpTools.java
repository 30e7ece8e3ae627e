package dev.thoth.agent.tools;

import java.net.http.HttpRequest;
import java.time.Duration;

import dev.thoth.agent.AgentProperties;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.stereotype.Component;

/**
 * Opens the MCP service's tools for one turn, as the caller: a client of the MCP Java SDK
 * over streamable HTTP with the caller's key and request id on every request. The server
 * is stateless, so a client per turn costs an initialize request and nothing else.
 */
@Component
public class McpTools {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final AgentProperties properties;

	McpTools(AgentProperties properties) {
		this.properties = properties;
	}

	public Toolbox open(Caller caller) {
		HttpRequest.Builder requests = HttpRequest.newBuilder();
		if (caller.apiKey() != null) {
			requests.header("X-API-Key", caller.apiKey());
		}
		if (caller.requestId() != null) {
			requests.header("X-Request-Id", caller.requestId());
		}
		String base = this.properties.mcpUrl().replaceAll("/+$", "");
		McpSyncClient client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(base)
				.endpoint("/mcp")
				.connectTimeout(CONNECT_TIMEOUT)
				.requestBuilder(requests)
				.build())
			.clientInfo(new McpSchema.Implementation("thoth-agent", "0.1.0"))
			.requestTimeout(this.properties.toolTimeout())
			.initializationTimeout(Duration.ofSeconds(30))
			.build();
		try {
			client.initialize();
		}
		catch (RuntimeException ex) {
			client.closeGracefully();
			throw new ToolsUnavailableException("The MCP service at " + base + " did not answer: " + ex.getMessage(),
					ex);
		}
		return new Toolbox(client);
	}

}
