package dev.thoth.mcp.discovery;

import java.net.URI;

import dev.thoth.clients.discovery.DiscoveryClient;
import dev.thoth.clients.support.ThothClientsAutoConfiguration;
import dev.thoth.platform.config.ThothProperties;
import dev.thoth.platform.web.ApiKeyVerifier;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The discovery service's typed client, at THOTH_DISCOVERY_URL, with the shared key (a
 * caller's own key replaces it: see CallerCredentials).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoveryConnection.Settings.class)
@ImportHttpServices(group = ThothClientsAutoConfiguration.DISCOVERY_GROUP, types = DiscoveryClient.class)
class DiscoveryConnection {

	/**
	 * @param url the discovery service (THOTH_DISCOVERY_URL)
	 */
	@Validated
	@ConfigurationProperties("thoth.mcp.discovery")
	record Settings(@NotNull URI url) {
	}

	@Bean
	RestClientHttpServiceGroupConfigurer discoveryGroupConfigurer(Settings settings, ThothProperties properties) {
		return (groups) -> groups.filterByName(ThothClientsAutoConfiguration.DISCOVERY_GROUP)
			.forEachClient((group, builder) -> {
				builder.baseUrl(settings.url().toString());
				if (properties.api().authenticationEnabled()) {
					builder.defaultHeader(ApiKeyVerifier.API_KEY_HEADER, properties.api().secretKey());
				}
			});
	}

}
