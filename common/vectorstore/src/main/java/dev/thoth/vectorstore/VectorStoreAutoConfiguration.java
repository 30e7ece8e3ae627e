package dev.thoth.vectorstore;

import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.thoth.platform.config.ThothConfigurationAutoConfiguration;
import dev.thoth.platform.config.ThothProperties;
import dev.thoth.platform.http.OutboundHttpAutoConfiguration;
import dev.thoth.vectorstore.index.ChunkFeed;
import dev.thoth.vectorstore.index.LuceneChunkIndex;
import dev.thoth.vectorstore.index.SearchIndex;
import dev.thoth.vectorstore.index.SearchIndexListener;
import dev.thoth.vectorstore.index.SearchIndexProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The {@link Embedder}, and where passages go and how they are searched:
 * <ul>
 * <li>a service that only writes them (the PDF monitor) gets a {@link ChunkWriter}:
 * PostgreSQL's {@code paper_chunks}, and ChromaDB too when {@code thoth.chromadb.url}
 * (THOTH_CHROMADB_URL) is set;</li>
 * <li>a service that searches ({@code thoth.search.index.enabled}, the API) gets a
 * {@link VectorStore} on its own {@link SearchIndex}: words and vectors in Lucene, or
 * words in Lucene and vectors in ChromaDB when it is configured.</li>
 * </ul>
 * A configured ChromaDB is always used: when it is unreachable, calls fail with an error
 * naming it, and health (thoth.chromadb.health-check) shows it DOWN; nothing else stands
 * in for it.
 */
@AutoConfiguration(after = { ThothConfigurationAutoConfiguration.class, DataSourceAutoConfiguration.class,
		RestClientAutoConfiguration.class, OutboundHttpAutoConfiguration.class })
@EnableConfigurationProperties(SearchIndexProperties.class)
public class VectorStoreAutoConfiguration {

	/** The ChromaDB collection (property {@code thoth.vectorstore.collection}). */
	public static final String DEFAULT_COLLECTION = "thoth_paper_chunks";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Embedder thothEmbedder() {
		return new Embedder();
	}

	static ChromaVectorStore chroma(ThothProperties properties, RestClient.Builder restClientBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, String collection) {
		return new ChromaVectorStore(restClientBuilder, httpClientSettings.getIfAvailable(),
				properties.chromadb().url(), properties.chromadb().token(), collection);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "thoth.search.index.enabled", havingValue = "false", matchIfMissing = true)
	static class WriterConfiguration {

		@Bean
		@ConditionalOnMissingBean(ChunkWriter.class)
		ChunkWriter thothChunkWriter(DataSource dataSource, Embedder embedder, ThothProperties properties,
				RestClient.Builder restClientBuilder, ObjectProvider<HttpClientSettings> httpClientSettings,
				@Value("${thoth.vectorstore.collection:" + DEFAULT_COLLECTION + "}") String collection) {
			PostgresChunks postgres = new PostgresChunks(dataSource, embedder.modelName());
			if (properties.chromadb().url() == null || properties.chromadb().url().isBlank()) {
				return postgres;
			}
			return new MirroredChunks(postgres, chroma(properties, restClientBuilder, httpClientSettings, collection));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "thoth.search.index.enabled", havingValue = "true")
	static class IndexConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		SearchIndex thothSearchIndex(DataSource dataSource, Embedder embedder, ThothProperties properties,
				SearchIndexProperties settings, ObjectProvider<SearchIndexListener> listeners) {
			boolean vectors = properties.chromadb().url() == null || properties.chromadb().url().isBlank();
			Consumer<SearchIndex.Progress> progress = (event) -> listeners.orderedStream()
				.forEach((listener) -> listener.accept(event));
			SearchIndex index = new SearchIndex(new ChunkFeed(dataSource), settings.settingsForIndex(),
					new LuceneChunkIndex.Layout(vectors, Embedder.DIMENSIONS, embedder.modelName()), progress);
			index.start();
			return index;
		}

		@Bean
		@ConditionalOnMissingBean(VectorStore.class)
		@ConditionalOnExpression("'${thoth.chromadb.url:}' == ''")
		LuceneVectorStore thothVectorStore(DataSource dataSource, Embedder embedder, SearchIndex index) {
			return new LuceneVectorStore(new PostgresChunks(dataSource, embedder.modelName()), index);
		}

		@Bean
		@ConditionalOnMissingBean(VectorStore.class)
		@ConditionalOnExpression("'${thoth.chromadb.url:}' != ''")
		ChromaLuceneVectorStore thothChromaVectorStore(DataSource dataSource, Embedder embedder,
				ThothProperties properties, RestClient.Builder restClientBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings,
				@Value("${thoth.vectorstore.collection:" + DEFAULT_COLLECTION + "}") String collection,
				SearchIndex index) {
			return new ChromaLuceneVectorStore(new PostgresChunks(dataSource, embedder.modelName()),
					chroma(properties, restClientBuilder, httpClientSettings, collection), index);
		}

	}

}
