package dev.thoth.discovery.sources;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.thoth.discovery.DiscoveryProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The six sources, each with its own client (base URL from
 * {@code thoth.discovery.sources.<source>.base-url}), pacing, circuit breaker
 * ({@code source:<name>}, so the alert and dashboard show it) and meters. Keys are read
 * like every Thoth secret: {@code SEMANTIC_SCHOLAR_API_KEY}, {@code OPENALEX_API_KEY},
 * {@code PUBMED_API_KEY}, or their {@code *_FILE}.
 */
@Configuration(proxyBeanMethods = false)
class SourcesConfiguration {

	private static final Log log = LogFactory.getLog(SourcesConfiguration.class);

	/** The sources in the order research queries list them. */
	static final List<String> NAMES = List.of(ArxivSource.NAME, SemanticScholarSource.NAME, PubmedSource.NAME,
			CrossrefSource.NAME, OpenAlexSource.NAME, BiorxivSource.NAME);

	@Bean
	Pacer discoverySourcePacer(ObjectProvider<RedisConnectionFactory> redis) {
		RedisConnectionFactory factory = redis.getIfAvailable();
		if (factory instanceof LettuceConnectionFactory lettuce
				&& lettuce.getRequiredNativeClient() instanceof RedisClient client) {
			return BucketPacer.redis(client);
		}
		return BucketPacer.inProcess();
	}

	@Bean
	SourceMetrics discoverySourceMetrics(MeterRegistry meters) {
		return new SourceMetrics(meters, NAMES);
	}

	/**
	 * CrossRef on its own: the runs search it, and the retraction watch asks it for
	 * notices, through the same pacing and breaker.
	 */
	@Bean
	CrossrefSource crossrefSource(DiscoveryProperties properties, Pacer pacer, CircuitBreakerRegistry breakers,
			SourceMetrics metrics) {
		return new CrossrefSource(new Factory(properties, pacer, breakers, metrics).calls(CrossrefSource.NAME,
				properties.sources().crossref(), false), properties.mailto());
	}

	@Bean
	PaperSources paperSources(DiscoveryProperties properties, Pacer pacer, CircuitBreakerRegistry breakers,
			SourceMetrics metrics, CrossrefSource crossref,
			@Value("${thoth.sources.semantic-scholar-api-key:}") String semanticScholarKey,
			@Value("${thoth.sources.openalex-api-key:}") String openAlexKey,
			@Value("${thoth.sources.pubmed-api-key:}") String pubmedKey) {
		DiscoveryProperties.Sources sources = properties.sources();
		Factory factory = new Factory(properties, pacer, breakers, metrics);
		String mailto = properties.mailto();
		Map<String, URI> servers = new LinkedHashMap<>();
		servers.put("biorxiv", sources.biorxiv().contentUrl());
		servers.put("medrxiv", sources.biorxiv().medrxivContentUrl());
		PaperSources all = new PaperSources(List.of(
				new ArxivSource(factory.calls(ArxivSource.NAME, sources.arxiv(), false)),
				new SemanticScholarSource(factory.calls(SemanticScholarSource.NAME, sources.semanticScholar(),
						hasText(semanticScholarKey)), semanticScholarKey),
				new PubmedSource(factory.calls(PubmedSource.NAME, sources.pubmed(), hasText(pubmedKey)), pubmedKey,
						mailto),
				crossref,
				new OpenAlexSource(factory.calls(OpenAlexSource.NAME, sources.openalex(), true), openAlexKey, mailto),
				new BiorxivSource(factory.calls(BiorxivSource.NAME, sources.biorxiv(), false), servers)));
		all.all()
			.forEach((source) -> source.notConfigured()
				.ifPresent(
						(reason) -> log.warn("Discovery source " + source.name() + " is not configured: " + reason)));
		log.info("Discovery sources paced " + pacer.scope() + (hasText(mailto) ? ", contact " + mailto : ""));
		return all;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	/** Builds each source's calls the same way. */
	private record Factory(DiscoveryProperties properties, Pacer pacer, CircuitBreakerRegistry breakers,
			SourceMetrics metrics) {

		SourceCalls calls(String name, DiscoveryProperties.Source source, boolean withKey) {
			DiscoveryProperties.Calls settings = this.properties.calls();
			ClientHttpRequestFactory requests = ClientHttpRequestFactoryBuilder.jdk()
				// HTTP/1.1: no h2c upgrade, which plain-HTTP mirrors and test servers
				// refuse.
				.withHttpClientCustomizer((builder) -> builder.version(java.net.http.HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout()));
			String contact = hasText(this.properties.mailto()) ? " (mailto:" + this.properties.mailto() + ")" : "";
			RestClient client = RestClient.builder()
				.baseUrl(source.baseUrl().toString())
				.requestFactory(requests)
				.defaultHeader("User-Agent", "Thoth/0.1" + contact)
				.build();
			Duration interval = source.interval(withKey);
			return new SourceCalls(name, client, this.pacer, interval, this.breakers.circuitBreaker("source:" + name),
					settings, this.metrics);
		}

	}

}
