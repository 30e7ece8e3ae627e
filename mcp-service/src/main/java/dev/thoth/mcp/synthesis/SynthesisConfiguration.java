package dev.thoth.mcp.synthesis;

import java.time.Duration;

import dev.thoth.platform.config.ThothProperties;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SynthesisConfiguration {

	/**
	 * The model when THOTH_LLM_PROVIDER names one; a model configured but impossible to
	 * set up stops start-up, never a silent fall-back to the extractive results.
	 */
	@Bean
	ModelWriter modelWriter(ObjectProvider<ChatClient.Builder> chatClients, ThothProperties thoth,
			@Value("${thoth.mcp.model-timeout:90s}") Duration timeout) {
		if (!thoth.llm().enabled()) {
			return ModelWriter.none();
		}
		ChatClient.Builder builder = chatClients.getIfAvailable();
		if (builder == null) {
			throw new IllegalStateException("THOTH_LLM_PROVIDER=" + thoth.llm().provider()
					+ " is set, but no chat model for it could be configured");
		}
		String model = (thoth.llm().model() == null || thoth.llm().model().isBlank()) ? thoth.llm().provider()
				: thoth.llm().provider() + ":" + thoth.llm().model();
		return new ModelWriter(builder.build(), model, timeout);
	}

}
