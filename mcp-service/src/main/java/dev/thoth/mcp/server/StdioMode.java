package dev.thoth.mcp.server;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code --stdio}: the MCP service as a desktop client's subprocess, speaking the
 * protocol on standard input and output, without a web server. Logs go to standard error.
 */
public final class StdioMode {

	public static final String ARGUMENT = "--stdio";

	private static volatile PrintStream protocol;

	private StdioMode() {
	}

	/**
	 * The real standard output, kept for the protocol before {@code System.out} is
	 * redirected.
	 */
	public static void use(PrintStream out) {
		protocol = out;
	}

	static PrintStream protocolOut() {
		return (protocol != null) ? protocol : System.out;
	}

	public static Map<String, Object> properties() {
		return Map.of("spring.main.web-application-type", "none", "spring.ai.mcp.server.stdio", "true",
				"thoth.mcp.transport", "stdio", "spring.main.banner-mode", "off");
	}

}
