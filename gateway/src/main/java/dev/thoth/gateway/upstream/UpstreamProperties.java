package dev.thoth.gateway.upstream;

import java.net.URI;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The base URL of each routed service, by the name its routes use ({@code lb://api}):
 * THOTH_API_URL, THOTH_MCP_URL, THOTH_AGENT_URL, THOTH_DISCOVERY_URL.
 */
@Validated
@ConfigurationProperties("thoth.gateway")
public record UpstreamProperties(@NotEmpty Map<String, URI> upstreams) {

	URI upstream(String serviceId) {
		URI uri = this.upstreams.get(serviceId);
		if (uri == null || uri.getHost() == null) {
			throw new IllegalStateException(
					"No upstream URL for service '" + serviceId + "' (thoth.gateway.upstreams." + serviceId + ")");
		}
		return uri;
	}

}
