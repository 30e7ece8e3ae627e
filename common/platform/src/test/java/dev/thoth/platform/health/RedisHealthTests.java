package dev.thoth.platform.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With THOTH_REDIS_URL set, Redis is part of /health; a configured Redis that is away
 * makes the service DOWN under the name redis, never silently replaced.
 */
class RedisHealthTests {

	private static String health(String redisUrl) throws Exception {
		SpringApplication application = new SpringApplication(RedisUser.class);
		application.setDefaultProperties(java.util.Map.of("server.port", "0", "THOTH_REDIS_URL", redisUrl,
				"THOTH_WORKSPACE_DIR", System.getProperty("java.io.tmpdir") + "/thoth-ws"));
		try (ConfigurableApplicationContext context = application.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}
	}

	@Test
	void aReachableRedisIsUp() throws Exception {
		assertThat(health(TestServers.redisUrl())).contains("\"redis\":{").doesNotContain("\"DOWN\"");
	}

	@Test
	void anUnreachableRedisIsDownByName() throws Exception {
		String body = health("redis://127.0.0.1:1");
		assertThat(body).startsWith("{\"components\"").contains("\"redis\":{").contains("\"status\":\"DOWN\"");
	}

	@SpringBootApplication(scanBasePackages = "none")
	static class RedisUser {

	}

}
