package dev.thoth.discovery.library;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import dev.thoth.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled work waits for the API: against a port nothing listens on, then a real
 * server.
 */
class ApiStartupTests {

	@Test
	void falseUntilTheApiAnswersThenTrueWithoutAskingAgain() throws IOException {
		int port = FreePorts.next();
		ApiStartup startup = new ApiStartup("http://127.0.0.1:" + port + "/");
		assertThat(startup.apiHasAnswered()).as("nothing listens yet").isFalse();

		AtomicInteger probes = new AtomicInteger();
		AtomicInteger status = new AtomicInteger(503);
		HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		api.createContext("/health", (exchange) -> {
			probes.incrementAndGet();
			exchange.sendResponseHeaders(status.get(), -1);
			exchange.close();
		});
		api.start();
		try {
			// Up but not yet healthy: still waiting.
			await().atMost(Duration.ofSeconds(10)).until(() -> !startup.apiHasAnswered() && probes.get() > 0);
			status.set(200);
			await().atMost(Duration.ofSeconds(10)).until(startup::apiHasAnswered);
			int asked = probes.get();
			status.set(503);
			assertThat(startup.apiHasAnswered()).as("outages are the circuit breaker's to handle").isTrue();
			assertThat(probes).hasValue(asked);
		}
		finally {
			api.stop(0);
		}
	}

}
