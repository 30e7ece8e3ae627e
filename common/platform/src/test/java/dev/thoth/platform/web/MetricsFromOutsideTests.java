package dev.thoth.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.thoth.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From an address outside the trusted networks, /metrics needs the key; /health does not.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "THOTH_API_SECRET_KEY=outside-key", "THOTH_WORKSPACE_DIR=${java.io.tmpdir}/thoth-ws",
				"THOTH_METRICS_TRUSTED_NETWORKS=10.99.99.0/24" })
class MetricsFromOutsideTests {

	@LocalServerPort
	int port;

	private int status(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Test
	void metricsNeedTheKeyFromAnUntrustedAddress() throws Exception {
		assertThat(status("/metrics")).isEqualTo(401);
		assertThat(status("/metrics", "X-API-Key", "outside-key")).isEqualTo(200);
		assertThat(status("/health")).isEqualTo(200);
	}

}
