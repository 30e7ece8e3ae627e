package dev.thoth.vectorstore;

import javax.sql.DataSource;

import dev.thoth.platform.config.ThothConfigurationAutoConfiguration;
import dev.thoth.platform.config.ThothProperties;
import dev.thoth.platform.http.OutboundHttpAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The {@link Embedder} and the {@link VectorStore}: ChromaDB when
 * {@code thoth.chromadb.url} (THOTH_CHROMADB_URL) is set, otherwise PostgreSQL's
 * {@code paper_chunks}. A configured ChromaDB is always used: when it is unreachable,
 * calls fail with an error naming it, and health (thoth.chromadb.health-check) shows it
 * DOWN; the PostgreSQL store never stands in for it.
 */
@AutoConfiguration(after = { ThothConfigurationAutoConfiguration.class, DataSourceAutoConfiguration.class,
		RestClientAutoConfiguration.class, OutboundHttpAutoConfiguration.class })
public class VectorStoreAutoConfiguration {

	/** The ChromaDB collection (property {@code thoth.vectorstore.collection}). */
	public static final String DEFAULT_COLLECTION = "thoth_paper_chunks";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Embedder thothEmbedder() {
		return new Embedder();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("'${thoth.chromadb.url:}' != ''")
	static class ChromaStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(VectorStore.class)
		ChromaVectorStore thothVectorStore(ThothProperties properties, RestClient.Builder restClientBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings,
				@Value("${thoth.vectorstore.collection:" + DEFAULT_COLLECTION + "}") String collection) {
			return new ChromaVectorStore(restClientBuilder, httpClientSettings.getIfAvailable(),
					properties.chromadb().url(), properties.chromadb().token(), collection);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("'${thoth.chromadb.url:}' == ''")
	static class PostgresStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(VectorStore.class)
		PostgresVectorStore thothVectorStore(DataSource dataSource, Embedder embedder) {
			return new PostgresVectorStore(dataSource, embedder.modelName());
		}

	}

}
