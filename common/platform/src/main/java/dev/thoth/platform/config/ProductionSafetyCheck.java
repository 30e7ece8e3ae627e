package dev.thoth.platform.config;

import java.nio.charset.StandardCharsets;

/**
 * The rules a service checks before it accepts traffic: in production an API secret of at
 * least 32 bytes and no CORS wildcard; a configured model provider has what it needs.
 */
final class ProductionSafetyCheck {

	static final int MINIMUM_SECRET_BYTES = 32;

	private ProductionSafetyCheck() {
	}

	static void verify(ThothProperties properties) {
		String secret = properties.api().secretKey();
		if (properties.production()) {
			if (!properties.api().authenticationEnabled()) {
				throw new InvalidConfigurationException("THOTH_API_SECRET_KEY",
						"is required in production (THOTH_PRODUCTION=true)");
			}
			if (secret.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_BYTES) {
				throw new InvalidConfigurationException("THOTH_API_SECRET_KEY",
						"must be at least " + MINIMUM_SECRET_BYTES + " bytes in production (THOTH_PRODUCTION=true)");
			}
			if (properties.cors().allowsAnyOrigin()) {
				throw new InvalidConfigurationException("THOTH_CORS_ORIGINS",
						"must list origins, not '*', in production (THOTH_PRODUCTION=true)");
			}
		}
		ThothProperties.Llm llm = properties.llm();
		if ("openai".equals(llm.provider()) && isBlank(llm.openaiApiKey()) && isBlank(llm.baseUrl())) {
			throw new InvalidConfigurationException("OPENAI_API_KEY",
					"is required when THOTH_LLM_PROVIDER=openai (or set THOTH_LLM_BASE_URL for a compatible server)");
		}
		if ("anthropic".equals(llm.provider()) && isBlank(llm.anthropicApiKey())) {
			throw new InvalidConfigurationException("ANTHROPIC_API_KEY",
					"is required when THOTH_LLM_PROVIDER=anthropic");
		}
		if ("ollama".equals(llm.provider()) && isBlank(llm.model())) {
			throw new InvalidConfigurationException("THOTH_LLM_MODEL", "is required when THOTH_LLM_PROVIDER=ollama");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
