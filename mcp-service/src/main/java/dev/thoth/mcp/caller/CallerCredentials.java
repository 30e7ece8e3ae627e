package dev.thoth.mcp.caller;

import dev.thoth.clients.support.ThothClientsAutoConfiguration;
import dev.thoth.platform.web.ApiKeyVerifier;
import dev.thoth.platform.web.RequestIds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Calls to the API, the discovery service and the agent's memory carry the caller's key
 * and request id, not the MCP service's own: the API sees who is asking. Without a caller
 * (stdio) the configured key stays.
 */
@Configuration(proxyBeanMethods = false)
class CallerCredentials {

	@Bean
	RestClientHttpServiceGroupConfigurer callerCredentialsConfigurer() {
		return (groups) -> groups
			.filterByName(ThothClientsAutoConfiguration.API_GROUP, ThothClientsAutoConfiguration.DISCOVERY_GROUP,
					ThothClientsAutoConfiguration.AGENT_GROUP)
			.forEachClient((group, builder) -> builder.requestInterceptor((request, body, execution) -> {
				Caller.current().ifPresent((caller) -> {
					if (caller.apiKey() != null) {
						request.getHeaders().remove("Authorization");
						request.getHeaders().set(ApiKeyVerifier.API_KEY_HEADER, caller.apiKey());
					}
					if (caller.requestId() != null) {
						request.getHeaders().set(RequestIds.HEADER, caller.requestId());
					}
				});
				return execution.execute(request, body);
			}));
	}

}
