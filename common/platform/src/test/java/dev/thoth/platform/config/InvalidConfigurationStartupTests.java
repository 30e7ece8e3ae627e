package dev.thoth.platform.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad value stops start-up, and the analysis names the variable to fix. */
class InvalidConfigurationStartupTests {

	private static Throwable startWith(Map<String, Object> properties) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Test
	void anInvalidLogLevelNamesTHOTH_LOG_LEVEL() {
		Throwable failure = startWith(Map.of("THOTH_LOG_LEVEL", "LOUD", "THOTH_WORKSPACE_DIR",
				System.getProperty("java.io.tmpdir") + "/thoth-test-ws"));
		FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid configuration: THOTH_LOG_LEVEL: must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
	}

	@Test
	void anInvalidProviderNamesTHOTH_LLM_PROVIDER() {
		Throwable failure = startWith(Map.of("THOTH_LLM_PROVIDER", "skynet", "THOTH_WORKSPACE_DIR",
				System.getProperty("java.io.tmpdir") + "/thoth-test-ws"));
		assertThat(new InvalidConfigurationFailureAnalyzer().analyze(failure).getDescription())
			.startsWith("Invalid configuration: THOTH_LLM_PROVIDER: must be one of none, openai, anthropic, ollama");
	}

	@Test
	void anInvalidChromaUrlNamesTHOTH_CHROMADB_URL() {
		Throwable failure = startWith(Map.of("THOTH_CHROMADB_URL", "chroma:8000", "THOTH_WORKSPACE_DIR",
				System.getProperty("java.io.tmpdir") + "/thoth-test-ws"));
		assertThat(new InvalidConfigurationFailureAnalyzer().analyze(failure).getDescription())
			.isEqualTo("Invalid configuration: THOTH_CHROMADB_URL: must be an http(s) URL");
	}

	@SpringBootApplication
	static class Minimal {

	}

}
