package dev.thoth.platform.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * UP when a backing server answers its heartbeat URL with a 2xx, DOWN with the server's
 * name, address and error otherwise. Health checks never retry: a slow answer is the
 * answer.
 */
class HeartbeatHealthIndicator extends AbstractHealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final String component;

	private final String baseUrl;

	private final String heartbeatPath;

	private final RestClient client;

	HeartbeatHealthIndicator(String component, String baseUrl, String heartbeatPath, String token) {
		super(component + " health check failed");
		this.component = component;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
		this.heartbeatPath = heartbeatPath;
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(TIMEOUT);
		requests.setReadTimeout(TIMEOUT);
		RestClient.Builder builder = RestClient.builder().requestFactory(requests).baseUrl(this.baseUrl);
		if (token != null && !token.isBlank()) {
			builder.defaultHeader("Authorization", "Bearer " + token);
		}
		this.client = builder.build();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", this.baseUrl);
		try {
			this.client.get().uri(this.heartbeatPath).retrieve().toBodilessEntity();
			builder.up();
		}
		catch (RuntimeException ex) {
			builder.down()
				.withDetail("error", this.component + " at " + this.baseUrl + " is unreachable: " + ex.getMessage());
		}
	}

}
