package dev.thoth.domain;

import java.util.HashMap;
import java.util.Map;

import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way the database can be wrong ends start-up with one line that says which. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupFailureTests {

	/**
	 * Starts a service on the domain and returns what start-up reported as its failure.
	 */
	private static String failureOf(Map<String, Object> settings, CapturedOutput output) {
		SpringApplication application = new SpringApplication(DomainOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new HashMap<>(settings);
		properties.put("THOTH_WORKSPACE_DIR", System.getProperty("java.io.tmpdir") + "/thoth-ws");
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			return "started";
		}
		catch (RuntimeException ex) {
			// Plain or JSON (production) logs: the line after "Description:" either way.
			String printed = output.getAll().replace("\\n", "\n");
			int description = printed.lastIndexOf("Description:");
			assertThat(description).as("a failure analysis was printed").isNotNegative();
			return printed.substring(description + "Description:".length()).strip().lines().findFirst().orElse("");
		}
	}

	@Test
	void noDatabaseUrlNamesTHOTH_DATABASE_URL(CapturedOutput output) {
		assertThat(failureOf(Map.of(), output)).startsWith("Invalid configuration: THOTH_DATABASE_URL: is not set");
	}

	@Test
	void anUnreachableDatabaseIsNamed(CapturedOutput output) throws Exception {
		int closedPort = FreePorts.next();
		String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/thoth";
		assertThat(failureOf(Map.of("THOTH_DATABASE_URL", url), output))
			.startsWith("Database unavailable: the database at " + url + " cannot be reached")
			.contains("THOTH_DATABASE_URL");
	}

	@Test
	void wrongCredentialsAreNamed(CapturedOutput output) {
		TestServers.Postgres postgres = TestServers.postgres();
		assertThat(failureOf(Map.of("THOTH_DATABASE_URL", postgres.url(), "THOTH_DATABASE_USER", postgres.user(),
				"THOTH_DATABASE_PASSWORD", "wrong-" + postgres.password()), output))
			.contains("refused the credentials")
			.contains("THOTH_DATABASE_PASSWORD");
	}

	@Test
	void productionNeedsADatabasePassword(CapturedOutput output) {
		assertThat(failureOf(Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY",
				"0123456789abcdef0123456789abcdef", "THOTH_DATABASE_URL", "jdbc:postgresql://db:5432/thoth"), output))
			.startsWith("Invalid configuration: THOTH_DATABASE_PASSWORD: is required in production");
	}

	@Test
	void aNonPostgresUrlIsRefused(CapturedOutput output) {
		assertThat(failureOf(Map.of("THOTH_DATABASE_URL", "jdbc:mysql://db/thoth"), output))
			.startsWith("Invalid configuration: THOTH_DATABASE_URL: must be a PostgreSQL URL");
	}

	@SpringBootApplication
	static class DomainOnly {

	}

}
