package dev.thoth.pdfmonitor.lookup;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The RestClient every bibliographic source is called through. */
final class SourceClients {

	/**
	 * Sent as the product in the User-Agent, as CrossRef and OpenAlex ask of API users.
	 */
	static final String PRODUCT = "Thoth/0.1";

	private SourceClients() {
	}

	/**
	 * A client of one source: the application's builder (cloned, not changed), so the
	 * platform's retries with backoff and per-host circuit breaker apply; the lookup
	 * timeouts; the User-Agent with the contact address (the sources' "polite pool").
	 */
	static RestClient client(RestClient.Builder builder, String baseUrl, LookupProperties properties) {
		HttpClientSettings timeouts = new HttpClientSettings(null, properties.connectTimeout(),
				properties.readTimeout(), null);
		String contact = properties.contact();
		return builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(timeouts))
			.baseUrl(baseUrl.replaceAll("/+$", ""))
			.defaultHeader(HttpHeaders.USER_AGENT, (contact != null) ? PRODUCT + " (mailto:" + contact + ")" : PRODUCT)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.build();
	}

}
