package dev.thoth.api.ask;

import java.time.Duration;

import dev.thoth.platform.config.ThothProperties;
import dev.thoth.vectorstore.Embedder;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AskConfiguration {

	/**
	 * The model when THOTH_LLM_PROVIDER names one, else the offline extractive answerer.
	 * A model that is configured but cannot be set up is an error, never a silent
	 * fall-back.
	 */
	@Bean
	Answerer answerer(ObjectProvider<ChatClient.Builder> chatClients, ThothProperties thoth, Embedder embedder,
			@Value("${thoth.ask.model-timeout:90s}") Duration timeout) {
		if (!thoth.llm().enabled()) {
			return new ExtractiveAnswerer(embedder);
		}
		ChatClient.Builder builder = chatClients.getIfAvailable();
		if (builder == null) {
			throw new IllegalStateException("THOTH_LLM_PROVIDER=" + thoth.llm().provider()
					+ " is set, but no chat model for it could be configured");
		}
		String model = (thoth.llm().model() == null || thoth.llm().model().isBlank()) ? thoth.llm().provider()
				: thoth.llm().provider() + ":" + thoth.llm().model();
		return new ModelAnswerer(builder.build(), model, timeout);
	}

}
