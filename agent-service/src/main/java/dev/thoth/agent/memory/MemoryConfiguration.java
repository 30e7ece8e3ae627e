package dev.thoth.agent.memory;

import javax.sql.DataSource;

import dev.thoth.vectorstore.Embedder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The memory: built into PostgreSQL, unless THOTH_LETTA_URL names a Letta server (then
 * {@code letta.LettaMemoryConfiguration} gives the store). The history stays in
 * PostgreSQL either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MemoryProperties.class)
class MemoryConfiguration {

	private static final Log log = LogFactory.getLog(MemoryConfiguration.class);

	@Bean
	@ConditionalOnExpression("'${thoth.letta.url:}' == ''")
	BuiltInMemoryStore builtInMemoryStore(JdbcClient jdbc, Embedder embedder) {
		return new BuiltInMemoryStore(jdbc, embedder);
	}

	@Bean
	Memory memory(MemoryStore store, JdbcClient jdbc, DataSource dataSource, MemoryProperties properties) {
		log.info("Agent memory: " + store.name() + " store, blocks " + MemoryProperties.LABELS);
		return new Memory(store, jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
				properties);
	}

}
