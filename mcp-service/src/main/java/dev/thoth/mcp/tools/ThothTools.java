package dev.thoth.mcp.tools;

/**
 * A bean whose {@code @McpTool} methods belong to one toolset. Every tool class
 * implements it; the server registers the tools of the toolsets that are switched on.
 */
public interface ThothTools {

	Toolset toolset();

}
