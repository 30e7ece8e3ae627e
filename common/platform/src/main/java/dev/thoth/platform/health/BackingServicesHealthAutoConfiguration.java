package dev.thoth.platform.health;

import dev.thoth.platform.config.ThothConfigurationAutoConfiguration;
import dev.thoth.platform.config.ThothProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health of the backing servers a service is configured to use. A server that is
 * configured but unreachable shows as DOWN under its own name; it is never replaced by
 * the embedded default.
 */
@AutoConfiguration(after = ThothConfigurationAutoConfiguration.class)
public class BackingServicesHealthAutoConfiguration {

	@Bean
	@ConditionalOnExpression("'${thoth.chromadb.url:}' != '' and ${thoth.chromadb.health-check:false}")
	HealthIndicator chromadbHealthIndicator(ThothProperties properties) {
		return new HeartbeatHealthIndicator("ChromaDB", properties.chromadb().url(), "/api/v2/heartbeat",
				properties.chromadb().token());
	}

	@Bean
	@ConditionalOnExpression("'${thoth.letta.url:}' != '' and ${thoth.letta.health-check:false}")
	HealthIndicator lettaHealthIndicator(ThothProperties properties) {
		return new HeartbeatHealthIndicator("Letta", properties.letta().url(), "/v1/health/",
				properties.letta().token());
	}

}
