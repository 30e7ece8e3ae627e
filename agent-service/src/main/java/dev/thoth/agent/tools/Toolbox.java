package dev.thoth.agent.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import org.springframework.ai.mcp.McpToolNamePrefixGenerator;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** The MCP tools of one turn: their definitions for the model, and calls to them. */
public final class Toolbox implements AutoCloseable {

	private final McpSyncClient client;

	private List<ToolCallback> declared;

	Toolbox(McpSyncClient client) {
		this.client = client;
	}

	/**
	 * The tools as the model sees them, through Spring AI's MCP tool callbacks. The agent
	 * runs the calls itself (confirmation, limits, events), so these only declare them.
	 */
	public synchronized List<ToolCallback> declarations() {
		if (this.declared == null) {
			ToolCallback[] callbacks = SyncMcpToolCallbackProvider.builder()
				.mcpClients(this.client)
				.toolNamePrefixGenerator(McpToolNamePrefixGenerator.noPrefix())
				.build()
				.getToolCallbacks();
			this.declared = Arrays.stream(callbacks)
				.map((callback) -> (ToolCallback) new DeclaredTool(callback.getToolDefinition()))
				.toList();
		}
		return this.declared;
	}

	/**
	 * Calls a tool; a failure, a tool error or a time-out (the client's request timeout)
	 * is an outcome marked failed, never an exception.
	 */
	public ToolOutcome call(String tool, Map<String, Object> arguments) {
		try {
			CallToolResult result = this.client.callTool(new CallToolRequest(tool, arguments));
			String text = result.content()
				.stream()
				.filter(TextContent.class::isInstance)
				.map((content) -> ((TextContent) content).text())
				.collect(Collectors.joining("\n"));
			boolean failed = Boolean.TRUE.equals(result.isError());
			return new ToolOutcome(tool, failed, text, failed ? List.of() : Citations.in(result.structuredContent()));
		}
		catch (RuntimeException ex) {
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			return ToolOutcome.failure(tool, "The tool " + tool + " failed: " + reason);
		}
	}

	@Override
	public void close() {
		this.client.closeGracefully();
	}

	/** A tool the model may ask for; executed by the agent's loop, never by Spring AI. */
	private record DeclaredTool(ToolDefinition definition) implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return this.definition;
		}

		@Override
		public String call(String toolInput) {
			throw new UnsupportedOperationException("tool calls are run by the agent's loop");
		}

	}

}
