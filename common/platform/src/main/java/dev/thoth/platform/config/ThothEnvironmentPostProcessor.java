package dev.thoth.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Turns the {@code THOTH_*} environment into Spring configuration: reads secrets from
 * {@code *_FILE} paths, maps each variable to its {@code thoth.*} property, and derives
 * the Spring settings that follow from them (logging, Redis on or off, model provider,
 * metric tags). Runs after the service's own {@code application.yml} is loaded, and adds
 * its values with the lowest precedence so that anything set explicitly wins.
 */
public class ThothEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SECRET_FILES_SOURCE = "thothSecretFiles";

	static final String DEFAULTS_SOURCE = "thothDefaults";

	static final String DERIVED_SOURCE = "thothDerived";

	static final String EXCLUDES_SOURCE = "thothAutoConfigurationExcludes";

	private static final String[] REDIS_AUTO_CONFIGURATIONS = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration" };

	/** Thoth authenticates with the API key; no generated user and password. */
	private static final String[] USER_DETAILS_AUTO_CONFIGURATIONS = {
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" };

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		addSecretFiles(environment);
		addDefaults(environment);
		addDerived(environment);
		// Fail before anything starts: a bad production setting must not open a port.
		ProductionSafetyCheck.verify(bindValidated(environment));
	}

	private void addSecretFiles(ConfigurableEnvironment environment) {
		Map<String, Object> secrets = new LinkedHashMap<>();
		for (EnvironmentVariables.Variable variable : EnvironmentVariables.all()) {
			if (!variable.secret()) {
				continue;
			}
			String fileVariable = variable.name() + "_FILE";
			String file = environment.getProperty(fileVariable);
			if (!StringUtils.hasText(file)) {
				continue;
			}
			if (StringUtils.hasText(environment.getProperty(variable.name()))) {
				throw new InvalidConfigurationException(fileVariable,
						"both " + variable.name() + " and " + fileVariable + " are set; set only one");
			}
			secrets.put(variable.name(), readSecret(fileVariable, Path.of(file)));
		}
		if (!secrets.isEmpty()) {
			MapPropertySource source = new MapPropertySource(SECRET_FILES_SOURCE, secrets);
			if (environment.getPropertySources()
				.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				environment.getPropertySources()
					.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
			}
			else {
				environment.getPropertySources().addLast(source);
			}
		}
	}

	/**
	 * Binds and validates the settings now, so a bad value stops start-up before any
	 * server, pool or port is opened.
	 */
	private static ThothProperties bindValidated(ConfigurableEnvironment environment) {
		try (ValidatorFactory factory = Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new ParameterMessageInterpolator())
			.buildValidatorFactory()) {
			ValidationBindHandler handler = new ValidationBindHandler(
					new SpringValidatorAdapter(factory.getValidator()));
			return Binder.get(environment).bindOrCreate("thoth", Bindable.of(ThothProperties.class), handler);
		}
	}

	static String readSecret(String fileVariable, Path file) {
		try {
			// Secret files usually end with a newline that is not part of the secret.
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException | SecurityException ex) {
			throw new InvalidConfigurationException(fileVariable,
					"cannot read secret file " + file + " (" + describe(ex) + ")", ex);
		}
	}

	private static String describe(Exception ex) {
		if (ex instanceof java.nio.file.NoSuchFileException) {
			return "no such file";
		}
		if (ex instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	private void addDefaults(ConfigurableEnvironment environment) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (EnvironmentVariables.Variable variable : EnvironmentVariables.all()) {
			defaults.put(variable.property(), "${" + variable.name() + ":" + variable.defaultValue() + "}");
		}
		defaults.putAll(platformDefaults());
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
	}

	private static Map<String, Object> platformDefaults() {
		Properties properties = new Properties();
		try (InputStream input = ThothEnvironmentPostProcessor.class
			.getResourceAsStream("/META-INF/thoth/platform-defaults.properties")) {
			properties.load(input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Thoth platform defaults are missing from the class path", ex);
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		properties.forEach((key, value) -> defaults.put((String) key, value));
		return defaults;
	}

	private void addDerived(ConfigurableEnvironment environment) {
		Map<String, Object> derived = new LinkedHashMap<>();
		boolean production = Boolean.parseBoolean(environment.getProperty("thoth.production", "false").trim());
		String level = environment.getProperty("thoth.log-level", "INFO").trim().toUpperCase(Locale.ROOT);

		derived.put("logging.level.dev.thoth", level);
		derived.put("logging.level.root", Set.of("WARN", "ERROR", "OFF").contains(level) ? level : "INFO");
		if (production) {
			derived.put("logging.structured.format.console", "ecs");
			derived.put("management.endpoint.health.show-details", "when-authorized");
		}
		else {
			derived.put("management.endpoint.health.show-details", "always");
		}

		Set<String> excludes = new LinkedHashSet<>(
				StringUtils.commaDelimitedListToSet(environment.getProperty("spring.autoconfigure.exclude", "")));
		excludes.addAll(Set.of(USER_DETAILS_AUTO_CONFIGURATIONS));
		String redisUrl = environment.getProperty("thoth.redis.url", "");
		if (StringUtils.hasText(redisUrl)) {
			derived.put("spring.data.redis.url", redisUrl);
			String password = environment.getProperty("thoth.redis.password", "");
			if (StringUtils.hasText(password) && !hasUserInfo(redisUrl)) {
				// spring.data.redis.url overrides spring.data.redis.password, so the
				// password goes into the URL too (REDIS_PASSWORD_FILE in the stacks).
				derived.put("spring.data.redis.url", withPassword(redisUrl, password));
				derived.put("spring.data.redis.password", password);
			}
		}
		else {
			derived.put("management.health.redis.enabled", "false");
			excludes.addAll(Set.of(REDIS_AUTO_CONFIGURATIONS));
		}
		excludes.remove("");
		// Above everything else: a lower source would lose to a service's own exclude
		// list.
		environment.getPropertySources()
			.addFirst(new MapPropertySource(EXCLUDES_SOURCE,
					Map.of("spring.autoconfigure.exclude", String.join(",", excludes))));

		String port = environment.getProperty("server.port", "8080");
		String instance = environment.getProperty("THOTH_INSTANCE_ID");
		if (!StringUtils.hasText(instance)) {
			String host = environment.getProperty("HOSTNAME", "localhost");
			instance = host + ":" + port;
		}
		derived.put("management.metrics.tags.instance", instance);
		derived.put("management.metrics.tags.application", environment.getProperty("spring.application.name", "thoth"));

		addModelSettings(environment, derived);
		environment.getPropertySources().addLast(new MapPropertySource(DERIVED_SOURCE, derived));
	}

	/** Maps the shared THOTH_LLM_* settings onto Spring AI's provider properties. */
	private void addModelSettings(ConfigurableEnvironment environment, Map<String, Object> derived) {
		String provider = environment.getProperty("thoth.llm.provider", "none").trim();
		String baseUrl = environment.getProperty("thoth.llm.base-url", "");
		String model = environment.getProperty("thoth.llm.model", "");
		derived.put("spring.ai.model.chat", provider);
		// Embeddings are computed in process; no provider serves them.
		derived.put("spring.ai.model.embedding", "none");
		derived.put("spring.ai.model.image", "none");
		derived.put("spring.ai.model.audio.speech", "none");
		derived.put("spring.ai.model.audio.transcription", "none");
		derived.put("spring.ai.model.moderation", "none");
		switch (provider) {
			case "openai" -> {
				putIfText(derived, "spring.ai.openai.base-url", baseUrl);
				String key = environment.getProperty("thoth.llm.openai-api-key", "");
				// A local OpenAI-compatible server (Ollama, vLLM, LM Studio) takes no
				// key, but
				// the client insists on one.
				derived.put("spring.ai.openai.api-key", StringUtils.hasText(key) ? key : "not-needed");
				putIfText(derived, "spring.ai.openai.chat.options.model", model);
			}
			case "anthropic" -> {
				putIfText(derived, "spring.ai.anthropic.base-url", baseUrl);
				putIfText(derived, "spring.ai.anthropic.api-key",
						environment.getProperty("thoth.llm.anthropic-api-key"));
				putIfText(derived, "spring.ai.anthropic.chat.options.model", model);
			}
			case "ollama" -> {
				putIfText(derived, "spring.ai.ollama.base-url", baseUrl);
				putIfText(derived, "spring.ai.ollama.chat.options.model", model);
			}
			default -> {
			}
		}
	}

	private static void putIfText(Map<String, Object> target, String key, String value) {
		if (StringUtils.hasText(value)) {
			target.put(key, value);
		}
	}

	private static String withPassword(String url, String password) {
		try {
			URI uri = URI.create(url);
			return new URI(uri.getScheme(), ":" + password, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
					uri.getFragment())
				.toString();
		}
		catch (IllegalArgumentException | java.net.URISyntaxException ex) {
			return url;
		}
	}

	private static boolean hasUserInfo(String url) {
		try {
			return URI.create(url).getUserInfo() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
