package dev.thoth.pdfmonitor.lookup;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LookupProperties.class)
class LookupConfiguration {

	/**
	 * The application's RestClient builder brings the platform's retries and circuit
	 * breaker.
	 */
	@Bean
	MetadataLookup metadataLookup(LookupProperties properties, RestClient.Builder restClients, MeterRegistry meters) {
		return new MetadataLookup(properties, new CrossrefClient(restClients, properties), meters);
	}

}
