package dev.thoth.discovery.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.thoth.discovery.DiscoveryProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server replaying a source's saved answers (src/test/resources/sources), and
 * source calls pointed at it with short waits.
 */
final class Replay implements AutoCloseable {

	final WireMockServer server = new WireMockServer(options().dynamicPort());

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	Replay() {
		this.server.start();
	}

	String url() {
		return this.server.baseUrl();
	}

	SourceCalls calls(String source) {
		return calls(source, Duration.ofSeconds(5));
	}

	/** Calls that give up reading an answer after this long. */
	SourceCalls calls(String source, Duration readTimeout) {
		return calls(source, new DiscoveryProperties.Calls(Duration.ofSeconds(1), readTimeout, 3, Duration.ofMillis(20),
				Duration.ofSeconds(5)), CircuitBreaker.ofDefaults("source:" + source));
	}

	SourceCalls calls(String source, DiscoveryProperties.Calls settings, CircuitBreaker breaker) {
		RestClient client = RestClient.builder()
			.baseUrl(url())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				// HTTP/1.1: no h2c upgrade, which plain-HTTP mirrors and test servers
				// refuse.
				.withHttpClientCustomizer((builder) -> builder.version(java.net.http.HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())))
			.build();
		return new SourceCalls(source, client, BucketPacer.inProcess(), Duration.ZERO, breaker, settings,
				new SourceMetrics(this.meters, List.of(source)));
	}

	static CircuitBreaker breakerOpeningAfter(int calls) {
		return CircuitBreaker.of("source:test",
				CircuitBreakerConfig.custom()
					.minimumNumberOfCalls(calls)
					.slidingWindowSize(calls)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofMinutes(1))
					.build());
	}

	static String fixture(String path) {
		try (InputStream in = Replay.class.getResourceAsStream("/sources/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
