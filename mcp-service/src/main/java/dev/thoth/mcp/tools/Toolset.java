package dev.thoth.mcp.tools;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The groups of tools a deployment can expose (THOTH_MCP_TOOLSETS), so that a client's
 * tool list stays as small as its work needs.
 */
public enum Toolset {

	LIBRARY, TAGS, CITATIONS, INGESTION, DISCOVERY, SYNTHESIS, LOOKUP, READING, MEMORY;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Toolset> of(String id) {
		return Arrays.stream(values())
			.filter((toolset) -> toolset.id().equals(id.strip().toLowerCase(Locale.ROOT)))
			.findFirst();
	}

}
