package dev.thoth.api.events;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.EventStreamClient;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream ends when its time is up (here set short), normally, so the client reconnects;
 * its subscription ends with it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "thoth.events.timeout=2s", "thoth.events.heartbeat=500ms" })
class EventStreamTimeoutTests {

	static final String KEY = "timeout-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, workspace::toString, PORT);
	}

	@Autowired
	EventsController controller;

	@Test
	void aStreamEndsWhenItsTimeIsUpAndItsSubscriptionWithIt() throws Exception {
		try (EventStreamClient stream = EventStreamClient
			.open(URI.create("http://127.0.0.1:" + PORT + "/api/v1/events"), KEY)) {
			stream.awaitConnected();
			assertThat(stream.response().statusCode()).isEqualTo(200);
			assertThat(stream.awaitEnd(Duration.ofSeconds(60))).as("the server ended the stream").isTrue();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.controller.openStreams() == 0);
	}

}
