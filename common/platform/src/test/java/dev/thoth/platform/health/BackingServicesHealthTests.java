package dev.thoth.platform.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ChromaDB and Letta checks against real servers (ChromaDB) and Letta's REST shape.
 */
class BackingServicesHealthTests {

	private HttpServer letta;

	@AfterEach
	void stopLetta() {
		if (this.letta != null) {
			this.letta.stop(0);
		}
	}

	@Test
	void chromadbIsUpWhenItsHeartbeatAnswers() {
		Health health = new HeartbeatHealthIndicator("ChromaDB", TestServers.chromadbUrl(), "/api/v2/heartbeat", null)
			.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void chromadbWithTokenAuthIsUpWithTheRightToken() {
		Health health = new HeartbeatHealthIndicator("ChromaDB", TestServers.chromadbAuthUrl(), "/api/v2/heartbeat",
				TestServers.chromadbToken())
			.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void anUnreachableServerIsDownAndNamed() throws IOException {
		int closedPort = FreePorts.next();
		Health health = new HeartbeatHealthIndicator("ChromaDB", "http://127.0.0.1:" + closedPort, "/api/v2/heartbeat",
				null)
			.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error").toString())
			.startsWith("ChromaDB at http://127.0.0.1:" + closedPort + " is unreachable");
	}

	@Test
	void lettaIsUpWhenItsHealthEndpointAnswersAndDownOnAnError() throws IOException {
		this.letta = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		int[] status = { 200 };
		this.letta.createContext("/v1/health/", (exchange) -> {
			byte[] body = "{\"version\":\"0.16.8\",\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status[0], body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.letta.start();
		String url = "http://127.0.0.1:" + this.letta.getAddress().getPort();
		HeartbeatHealthIndicator indicator = new HeartbeatHealthIndicator("Letta", url, "/v1/health/", "token");
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
		status[0] = 500;
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
	}

}
