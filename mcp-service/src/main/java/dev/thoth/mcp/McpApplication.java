package dev.thoth.mcp;

import java.io.PrintStream;
import java.util.Arrays;

import dev.thoth.mcp.server.StdioMode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The research tools over the Model Context Protocol: streamable HTTP at {@code /mcp}, or
 * stdio for a desktop client with {@code --stdio}.
 */
@SpringBootApplication
public class McpApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(McpApplication.class);
		if (Arrays.asList(args).contains(StdioMode.ARGUMENT)) {
			// Standard output is the protocol: anything else printed there (a library's
			// banner, a stray log line) would corrupt it, so everything but the protocol
			// goes to standard error.
			PrintStream protocol = System.out;
			System.setOut(System.err);
			StdioMode.use(protocol);
			application.setDefaultProperties(StdioMode.properties());
		}
		application.run(args);
	}

}
