package dev.thoth.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.thoth.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/** The real jars refuse an unsafe production configuration, naming what to fix. */
class ProductionRefusalIT {

	@TempDir
	Path temp;

	private String start(String module, Map<String, String> environment) throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path jar = Launcher.ROOT.resolve(module).resolve("target").resolve(module + "-exec.jar");
		ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-jar", jar.toString()))
			.redirectErrorStream(true)
			.redirectOutput(this.temp.resolve(module + ".out").toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("THOTH_"));
		builder.environment().putAll(environment);
		builder.environment().put("THOTH_WORKSPACE_DIR", this.temp.resolve("ws").toString());
		builder.environment().put("THOTH_GATEWAY_PORT", String.valueOf(FreePorts.next()));
		builder.environment().put("THOTH_MCP_PORT", String.valueOf(FreePorts.next()));
		Process process = builder.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(module + " exits").isTrue();
		assertThat(process.exitValue()).isNotZero();
		return Files.readString(this.temp.resolve(module + ".out"));
	}

	@Test
	void aShortSecretIsRefused() throws Exception {
		String output = start("gateway", Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY", "short"));
		assertThat(output)
			.contains("THOTH_API_SECRET_KEY: must be at least 32 bytes in production (THOTH_PRODUCTION=true)");
	}

	@Test
	void aWildcardCorsOriginIsRefused() throws Exception {
		String output = start("mcp-service", Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY",
				"0123456789abcdef0123456789abcdef", "THOTH_CORS_ORIGINS", "*"));
		assertThat(output).contains("THOTH_CORS_ORIGINS: must list origins, not '*'");
	}

	@Test
	void aMissingDatabasePasswordIsRefused() throws Exception {
		String output = start("api-service", Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY",
				"0123456789abcdef0123456789abcdef", "THOTH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/thoth"));
		assertThat(output).contains("THOTH_DATABASE_PASSWORD: is required in production");
	}

}
