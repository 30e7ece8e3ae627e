package dev.thoth.mcp.tools;

/**
 * A bean with {@code @McpResource}, {@code @McpPrompt} or {@code @McpComplete} methods:
 * the server registers them whatever the toolsets.
 */
public interface ThothFeatures {

}
