package dev.thoth.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The research chat agent that uses the MCP tools and remembers across sessions. */
@SpringBootApplication
@EnableConfigurationProperties(AgentProperties.class)
public class AgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentApplication.class, args);
	}

}
