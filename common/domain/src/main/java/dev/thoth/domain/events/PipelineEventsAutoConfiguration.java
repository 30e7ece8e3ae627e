package dev.thoth.domain.events;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Pipeline events through Redis when a service has Redis configured (THOTH_REDIS_URL),
 * through PostgreSQL otherwise. Every service that publishes or listens must see the same
 * Redis setting, which the shared THOTH_* configuration gives them.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@Import({ PipelineEventsAutoConfiguration.OverRedis.class, PipelineEventsAutoConfiguration.OverPostgres.class })
public class PipelineEventsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	static class OverRedis {

		@Bean
		@ConditionalOnMissingBean
		PipelineEvents redisPipelineEvents(RedisConnectionFactory connections) {
			return new RedisPipelineEvents(connections);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnMissingBean(type = "org.springframework.data.redis.connection.RedisConnectionFactory")
	static class OverPostgres {

		@Bean
		@ConditionalOnMissingBean
		PipelineEvents postgresPipelineEvents(DataSource dataSource) {
			return new PostgresPipelineEvents(dataSource);
		}

	}

}
