package dev.thoth.agent.memory.letta;

import javax.sql.DataSource;

import dev.thoth.agent.memory.MemoryProperties;
import dev.thoth.platform.config.ThothProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The Letta store, when THOTH_LETTA_URL is set. Its client is built from Spring's
 * {@link RestClient.Builder}, so it has the platform's timeouts, retries with backoff and
 * circuit breaker; THOTH_LETTA_TOKEN is sent as a bearer token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${thoth.letta.url:}' != ''")
class LettaMemoryConfiguration {

	@Bean
	LettaClient lettaClient(RestClient.Builder builder, ThothProperties properties) {
		RestClient.Builder letta = builder.clone().baseUrl(properties.letta().url());
		String token = properties.letta().token();
		if (token != null && !token.isBlank()) {
			letta.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(letta.build()))
			.build()
			.createClient(LettaClient.class);
	}

	@Bean
	LettaMemoryStore lettaMemoryStore(LettaClient client, ThothProperties properties, MemoryProperties memory,
			JdbcClient jdbc, DataSource dataSource) {
		return new LettaMemoryStore(client, properties.letta().url(), memory, jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

}
