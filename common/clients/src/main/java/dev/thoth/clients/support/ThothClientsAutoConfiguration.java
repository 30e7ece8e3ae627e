package dev.thoth.clients.support;

import dev.thoth.clients.agent.AgentMemoryClient;
import dev.thoth.clients.api.AskClient;
import dev.thoth.clients.api.CitationGraphClient;
import dev.thoth.clients.api.JobsClient;
import dev.thoth.clients.api.LibraryClient;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.SearchClient;
import dev.thoth.clients.api.TagsClient;
import dev.thoth.clients.api.UploadsClient;
import dev.thoth.platform.config.ThothProperties;
import dev.thoth.platform.web.ApiKeyVerifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Typed clients for calling Thoth's own services. They get the platform's timeouts,
 * retries, circuit breakers and request-id propagation like every outbound client, plus
 * the shared API key, which is sent only to Thoth's own services.
 */
@AutoConfiguration(before = HttpServiceClientAutoConfiguration.class)
@ImportHttpServices(group = ThothClientsAutoConfiguration.API_GROUP,
		types = { PapersClient.class, SearchClient.class, AskClient.class, TagsClient.class, CitationGraphClient.class,
				ResearchQueriesClient.class, JobsClient.class, UploadsClient.class, LibraryClient.class })
@ImportHttpServices(group = ThothClientsAutoConfiguration.AGENT_GROUP, types = AgentMemoryClient.class)
public class ThothClientsAutoConfiguration {

	public static final String API_GROUP = "thoth-api";

	/**
	 * The discovery service's clients ({@code DiscoveryClient}): a service that calls it
	 * registers the group with its base URL.
	 */
	public static final String DISCOVERY_GROUP = "thoth-discovery";

	/** The agent service, at THOTH_AGENT_URL. */
	public static final String AGENT_GROUP = "thoth-agent";

	static final String DEFAULT_AGENT_URL = "http://localhost:8005";

	@Bean
	RestClientHttpServiceGroupConfigurer thothApiGroupConfigurer(ThothProperties properties) {
		return (groups) -> groups.filterByName(API_GROUP).forEachClient((group, builder) -> {
			builder.baseUrl(properties.api().url());
			if (properties.api().authenticationEnabled()) {
				builder.defaultHeader(ApiKeyVerifier.API_KEY_HEADER, properties.api().secretKey());
			}
		});
	}

	@Bean
	RestClientHttpServiceGroupConfigurer thothAgentGroupConfigurer(ThothProperties properties,
			Environment environment) {
		String url = environment.getProperty("THOTH_AGENT_URL", DEFAULT_AGENT_URL);
		return (groups) -> groups.filterByName(AGENT_GROUP).forEachClient((group, builder) -> {
			builder.baseUrl(url);
			if (properties.api().authenticationEnabled()) {
				builder.defaultHeader(ApiKeyVerifier.API_KEY_HEADER, properties.api().secretKey());
			}
		});
	}

}
