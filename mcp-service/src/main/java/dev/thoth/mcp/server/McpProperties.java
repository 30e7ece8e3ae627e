package dev.thoth.mcp.server;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.thoth.mcp.tools.Toolset;
import dev.thoth.platform.config.InvalidConfigurationException;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The MCP service's settings.
 *
 * @param transport {@code http} (streamable HTTP at {@code /mcp}) or {@code stdio}
 * ({@code --stdio})
 * @param toolsets the toolsets to expose (THOTH_MCP_TOOLSETS; empty: all)
 * @param toolTimeout the longest a tool call may take (THOTH_MCP_TOOL_TIMEOUT)
 * @param maxRequestSize the largest request body on {@code /mcp}
 * (THOTH_MCP_MAX_REQUEST_SIZE)
 */
@Validated
@ConfigurationProperties("thoth.mcp")
public record McpProperties(@DefaultValue("http") String transport, @DefaultValue List<String> toolsets,
		@NotNull @DefaultValue("120s") Duration toolTimeout, @NotNull @DefaultValue("1MB") DataSize maxRequestSize) {

	public McpProperties {
		if (!List.of("http", "stdio").contains(transport)) {
			throw new InvalidConfigurationException("thoth.mcp.transport", "must be http or stdio");
		}
		for (String toolset : toolsets) {
			if (!toolset.isBlank() && Toolset.of(toolset).isEmpty()) {
				throw new InvalidConfigurationException("THOTH_MCP_TOOLSETS",
						"unknown toolset '" + toolset.strip() + "'; choose among "
								+ String.join(", ", EnumSet.allOf(Toolset.class).stream().map(Toolset::id).toList()));
			}
		}
		if (toolTimeout.isNegative() || toolTimeout.isZero()) {
			throw new InvalidConfigurationException("THOTH_MCP_TOOL_TIMEOUT", "must be positive, such as 120s");
		}
	}

	/** The toolsets switched on: those named, or every one. */
	public Set<Toolset> enabledToolsets() {
		List<Toolset> named = this.toolsets.stream()
			.filter((id) -> !id.isBlank())
			.map((id) -> Toolset.of(id).orElseThrow())
			.toList();
		return named.isEmpty() ? EnumSet.allOf(Toolset.class) : EnumSet.copyOf(named);
	}

	boolean stdio() {
		return "stdio".equals(this.transport);
	}

}
