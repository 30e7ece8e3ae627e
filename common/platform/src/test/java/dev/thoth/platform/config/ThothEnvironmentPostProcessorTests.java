package dev.thoth.platform.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThothEnvironmentPostProcessorTests {

	@TempDir
	Path temp;

	private final ThothEnvironmentPostProcessor processor = new ThothEnvironmentPostProcessor();

	private StandardEnvironment environmentWith(Map<String, String> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> map = new HashMap<>(variables);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, map));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void mapsEveryVariableToItsProperty() {
		StandardEnvironment environment = environmentWith(
				Map.of("THOTH_LOG_LEVEL", "DEBUG", "THOTH_WORKSPACE_DIR", "/data/ws", "THOTH_API_URL",
						"http://api:8000", "THOTH_CORS_ORIGINS", "https://a.example,https://b.example"));
		assertThat(environment.getProperty("thoth.log-level")).isEqualTo("DEBUG");
		assertThat(environment.getProperty("logging.level.dev.thoth")).isEqualTo("DEBUG");
		assertThat(environment.getProperty("thoth.workspace-dir")).isEqualTo("/data/ws");
		assertThat(environment.getProperty("thoth.api.url")).isEqualTo("http://api:8000");
		assertThat(environment.getProperty("thoth.cors.origins")).isEqualTo("https://a.example,https://b.example");
		assertThat(environment.getProperty("management.endpoints.web.path-mapping.prometheus")).isEqualTo("metrics");
	}

	@Test
	void readsSecretsFromFilesWithoutTheTrailingNewline() throws Exception {
		Path secret = Files.writeString(this.temp.resolve("api_secret_key"), "s3cret-from-a-file\n");
		StandardEnvironment environment = environmentWith(Map.of("THOTH_API_SECRET_KEY_FILE", secret.toString()));
		assertThat(environment.getProperty("thoth.api.secret-key")).isEqualTo("s3cret-from-a-file");
	}

	@Test
	void refusesAMissingSecretFileNamingTheVariable() {
		Path missing = this.temp.resolve("nope.txt");
		assertThatThrownBy(() -> environmentWith(Map.of("THOTH_DATABASE_PASSWORD_FILE", missing.toString())))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("THOTH_DATABASE_PASSWORD_FILE: cannot read secret file " + missing + " (no such file)");
	}

	@Test
	void refusesAnUnreadableSecretFile() throws Exception {
		Path directory = Files.createDirectory(this.temp.resolve("a-directory"));
		assertThatThrownBy(() -> environmentWith(Map.of("OPENAI_API_KEY_FILE", directory.toString())))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("OPENAI_API_KEY_FILE: cannot read secret file " + directory);
	}

	@Test
	void refusesBothAValueAndAFile() throws Exception {
		Path secret = Files.writeString(this.temp.resolve("k"), "x");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		assertThatThrownBy(() -> environmentWith(
				Map.of("THOTH_API_SECRET_KEY", "inline", "THOTH_API_SECRET_KEY_FILE", secret.toString())))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("both THOTH_API_SECRET_KEY and THOTH_API_SECRET_KEY_FILE are set");
	}

	@Test
	void withoutRedisTheRedisAutoConfigurationIsLeftOutAndItsHealthOff() {
		StandardEnvironment environment = environmentWith(Map.of());
		assertThat(environment.getProperty("spring.autoconfigure.exclude"))
			.contains("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration");
		assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("false");
	}

	@Test
	void withRedisItIsConfiguredWithThePassword() {
		StandardEnvironment environment = environmentWith(
				Map.of("THOTH_REDIS_URL", "redis://cache:6379", "REDIS_PASSWORD", "pw"));
		// The URL overrides the password property in Spring Boot: the password is in
		// both.
		assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://:pw@cache:6379");
		assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo("pw");
		assertThat(environment.getProperty("spring.autoconfigure.exclude"))
			.doesNotContain("DataRedisAutoConfiguration");
	}

	@Test
	void mapsTheModelSettingsOntoTheChosenProvider() {
		StandardEnvironment environment = environmentWith(Map.of("THOTH_LLM_PROVIDER", "openai", "THOTH_LLM_BASE_URL",
				"http://llm.local:9000", "THOTH_LLM_MODEL", "gpt-x", "OPENAI_API_KEY", "sk-test"));
		assertThat(environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
		assertThat(environment.getProperty("spring.ai.openai.base-url")).isEqualTo("http://llm.local:9000");
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isEqualTo("sk-test");
		assertThat(environment.getProperty("spring.ai.openai.chat.options.model")).isEqualTo("gpt-x");
	}

	@Test
	void productionUsesStructuredLogs() {
		StandardEnvironment environment = environmentWith(
				Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY", "0123456789abcdef0123456789abcdef"));
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environmentWith(Map.of()).getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void productionRefusesAShortSecret() {
		assertThatThrownBy(
				() -> environmentWith(Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY", "too-short")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("THOTH_API_SECRET_KEY: must be at least 32 bytes in production (THOTH_PRODUCTION=true)");
	}

	@Test
	void productionRefusesNoSecret() {
		assertThatThrownBy(() -> environmentWith(Map.of("THOTH_PRODUCTION", "true")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("THOTH_API_SECRET_KEY: is required in production");
	}

	@Test
	void productionRefusesAnyOriginCors() {
		assertThatThrownBy(() -> environmentWith(Map.of("THOTH_PRODUCTION", "true", "THOTH_API_SECRET_KEY",
				"0123456789abcdef0123456789abcdef", "THOTH_CORS_ORIGINS", "*")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("THOTH_CORS_ORIGINS:");
	}

	@Test
	void developmentAllowsAShortSecretAndAnyOrigin() {
		StandardEnvironment environment = environmentWith(
				Map.of("THOTH_API_SECRET_KEY", "short", "THOTH_CORS_ORIGINS", "*"));
		assertThat(environment.getProperty("thoth.api.secret-key")).isEqualTo("short");
	}

	@Test
	void aProviderWithoutItsKeyIsRefused() {
		assertThatThrownBy(() -> environmentWith(Map.of("THOTH_LLM_PROVIDER", "anthropic")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("ANTHROPIC_API_KEY:");
		assertThatThrownBy(() -> environmentWith(Map.of("THOTH_LLM_PROVIDER", "openai")))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("OPENAI_API_KEY:");
	}

	@Test
	void anOpenAiCompatibleServerNeedsNoKey() {
		StandardEnvironment environment = environmentWith(
				Map.of("THOTH_LLM_PROVIDER", "openai", "THOTH_LLM_BASE_URL", "http://127.0.0.1:11434/v1"));
		assertThat(environment.getProperty("spring.ai.model.chat")).isEqualTo("openai");
		assertThat(environment.getProperty("spring.ai.openai.api-key")).isEqualTo("not-needed");
	}

	@Test
	void aValueThatIsNotABooleanNamesItsVariable() {
		assertThatThrownBy(() -> environmentWith(Map.of("THOTH_PRODUCTION", "maybe"))).satisfies((failure) -> {
			String analysis = new InvalidConfigurationFailureAnalyzer().analyze(failure).getDescription();
			assertThat(analysis).startsWith("Invalid configuration: THOTH_PRODUCTION:");
		});
	}

}
