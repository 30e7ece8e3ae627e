package dev.thoth.system.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP service as a desktop client runs it: the jar spawned with {@code --stdio},
 * speaking the protocol on its standard input and output (anything else goes to standard
 * error), calling the suite's real API with the configured key.
 */
class McpStdioIT {

	@Test
	void theJarAnswersInitializeToolsListAndASearchOverStdio() throws Exception {
		McpSuite suite = McpSuite.get();
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ServerParameters parameters = ServerParameters.builder(java.toString())
			.args("-Xmx256m", "-jar", McpSuite.mcpJar().toString(), "--stdio")
			.env(Map.of("THOTH_API_URL", "http://127.0.0.1:" + suite.api, "THOTH_API_SECRET_KEY", McpSuite.KEY,
					"THOTH_WORKSPACE_DIR", suite.workspace.toString(), "THOTH_MCP_TOOLSETS", "library,lookup", "PATH",
					System.getenv("PATH")))
			.build();
		StdioClientTransport transport = new StdioClientTransport(parameters,
				new JacksonMcpJsonMapper(JsonMapper.builder().build()));
		List<String> stderr = new CopyOnWriteArrayList<>();
		transport.setStdErrorHandler(stderr::add);
		McpSyncClient client = McpClient.sync(transport)
			.requestTimeout(Duration.ofSeconds(120))
			.initializationTimeout(Duration.ofMinutes(3))
			.build();
		try {
			McpSchema.InitializeResult init = client.initialize();
			assertThat(init.serverInfo().name()).isEqualTo("thoth");
			assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
			List<McpSchema.Tool> tools = client.listTools().tools();
			// THOTH_MCP_TOOLSETS=library,lookup: the library's nine tools and find_quote.
			assertThat(tools).extracting(McpSchema.Tool::name)
				.hasSize(10)
				.contains("search_papers", "find_quote")
				.doesNotContain("tag_papers", "summarize_topic");
			McpSchema.CallToolResult search = client
				.callTool(new McpSchema.CallToolRequest("search_papers", Map.of("query", "library", "k", 2)));
			assertThat(search.isError()).as(String.valueOf(search.content())).isFalse();
			assertThat(McpProtocolIT.map(search.structuredContent())).containsKeys("query", "mode", "passages");
			assertThat(client.listResourceTemplates().resourceTemplates()).hasSize(4);
			assertThat(stderr).as("the service logs to standard error")
				.anyMatch((line) -> line.contains("MCP toolsets"));
		}
		finally {
			client.closeGracefully();
		}
	}

}
