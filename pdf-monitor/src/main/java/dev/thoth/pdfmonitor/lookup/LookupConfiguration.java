package dev.thoth.pdfmonitor.lookup;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The lookups and their clients. The application's RestClient builder brings the
 * platform's retries with backoff and circuit breaker to every one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ LookupProperties.class, ReferenceLookupProperties.class })
class LookupConfiguration {

	@Bean
	CrossrefClient crossrefClient(LookupProperties properties, RestClient.Builder restClients) {
		return new CrossrefClient(restClients, properties);
	}

	@Bean
	MetadataLookup metadataLookup(LookupProperties properties, CrossrefClient crossref, MeterRegistry meters) {
		return new MetadataLookup(properties, crossref, meters);
	}

	@Bean
	ReferenceLookup referenceLookup(LookupProperties properties, ReferenceLookupProperties references,
			CrossrefClient crossref, RestClient.Builder restClients, MeterRegistry meters) {
		OpenAlexClient openAlex = new OpenAlexClient(restClients, properties, references.openalexUrl(),
				references.openalexApiKey());
		return new ReferenceLookup(properties, references, crossref, openAlex, meters);
	}

}
