package dev.thoth.platform.config;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every Thoth service, bound from the {@code THOTH_*} environment
 * variables (see {@link EnvironmentVariables} for the mapping).
 */
@Validated
@ConfigurationProperties("thoth")
public record ThothProperties(@DefaultValue("false") boolean production,
		@NotNull @Pattern(regexp = "(?i)TRACE|DEBUG|INFO|WARN|ERROR|OFF",
				message = "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF") String logLevel,
		@NotNull Path workspaceDir, @Valid @NotNull Api api, @Valid @NotNull Cors cors, @Valid @NotNull Redis redis,
		@Valid @NotNull Chromadb chromadb, @Valid @NotNull Letta letta, @Valid @NotNull Llm llm,
		@Valid @NotNull Metrics metrics, @Valid @NotNull Database database) {

	/** The API service's address and the shared API key. */
	public record Api(@NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String url,
			String secretKey) {

		public boolean authenticationEnabled() {
			return this.secretKey != null && !this.secretKey.isBlank();
		}

	}

	/** Origins allowed to call the services from a browser; empty means none. */
	public record Cors(@DefaultValue List<String> origins) {

		public boolean allowsAnyOrigin() {
			return this.origins.contains("*");
		}

	}

	/** Redis, when configured; otherwise caches stay in process. */
	public record Redis(@Pattern(regexp = "|rediss?://.+", message = "must be a redis:// or rediss:// URL") String url,
			String password) {

		public boolean configured() {
			return this.url != null && !this.url.isBlank();
		}

	}

	/** ChromaDB, when configured; otherwise the embedded vector index is used. */
	public record Chromadb(@Pattern(regexp = "|https?://.+", message = "must be an http(s) URL") String url,
			String token, @DefaultValue("false") boolean healthCheck) {

		public boolean configured() {
			return this.url != null && !this.url.isBlank();
		}

	}

	/** Letta, when configured; otherwise the built-in memory in Postgres is used. */
	public record Letta(@Pattern(regexp = "|https?://.+", message = "must be an http(s) URL") String url, String token,
			@DefaultValue("false") boolean healthCheck) {

		public boolean configured() {
			return this.url != null && !this.url.isBlank();
		}

	}

	/** The model settings shared by every service that uses a model. */
	public record Llm(
			@NotNull @Pattern(regexp = "none|openai|anthropic|ollama",
					message = "must be one of none, openai, anthropic, ollama") String provider,
			@Pattern(regexp = "|https?://.+", message = "must be an http(s) URL") String baseUrl, String model,
			String openaiApiKey, String anthropicApiKey) {

		public boolean enabled() {
			return !"none".equals(this.provider);
		}

	}

	/** PostgreSQL, for the services that hold the research domain. */
	public record Database(String url, @DefaultValue("thoth") String user, String password) {

		public boolean configured() {
			return this.url != null && !this.url.isBlank();
		}

	}

	/**
	 * Who may read {@code /metrics} without the API key: addresses on the internal
	 * network, as CIDR blocks.
	 */
	public record Metrics(@NotNull List<String> trustedNetworks) {
	}

}
