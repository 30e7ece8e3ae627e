package dev.thoth.mcp.tools;

import java.util.List;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * A bean with {@code @McpResource}, {@code @McpPrompt} or {@code @McpComplete} methods:
 * the server registers them whatever the toolsets.
 */
public interface ThothFeatures {

	/**
	 * Resource templates registered as they are, not through {@code @McpResource}: the
	 * annotation insists that every variable of the template is in the URI, which an
	 * optional query expression ({@code {?pages}}) is not.
	 */
	default List<TemplateResource> templateResources() {
		return List.of();
	}

	/** A resource template and how to read it. */
	record TemplateResource(McpSchema.ResourceTemplate template,
			Function<McpSchema.ReadResourceRequest, McpSchema.ReadResourceResult> read) {
	}

}
