package dev.thoth.mcp.server;

import java.time.Duration;
import java.util.List;

import dev.thoth.mcp.tools.Toolset;
import dev.thoth.platform.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpPropertiesTests {

	@Test
	void noToolsetsMeansEveryToolset() {
		assertThat(properties(List.of()).enabledToolsets()).containsExactlyInAnyOrder(Toolset.values());
		assertThat(properties(List.of(" Library", "lookup", "")).enabledToolsets()).containsExactly(Toolset.LIBRARY,
				Toolset.LOOKUP);
	}

	@Test
	void anUnknownToolsetStopsStartUpNamingTheVariable() {
		assertThatThrownBy(() -> properties(List.of("library", "memes")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("THOTH_MCP_TOOLSETS")
			.hasMessageContaining("'memes'")
			.hasMessageContaining("library, tags, citations");
		assertThatThrownBy(() -> new McpProperties("http", List.of(), Duration.ZERO, DataSize.ofMegabytes(1)))
			.hasMessageContaining("THOTH_MCP_TOOL_TIMEOUT");
	}

	private static McpProperties properties(List<String> toolsets) {
		return new McpProperties("http", toolsets, Duration.ofSeconds(120), DataSize.ofMegabytes(1));
	}

}
