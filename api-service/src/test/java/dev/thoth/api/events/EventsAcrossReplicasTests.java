package dev.thoth.api.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.thoth.api.ApiApplication;
import dev.thoth.api.support.EventStreamClient;
import dev.thoth.api.support.Multipart;
import dev.thoth.api.support.TestPorts;
import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API replicas with Redis configured, on one database and one workspace: a client
 * connected to the first hears the jobs the second queues, through Redis pub/sub.
 */
// Redis must be known when the environment is prepared (it decides which
// auto-configuration
// runs), before dynamic properties are added.
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_REDIS_URL=${THOTH_TEST_REDIS_URL}")
class EventsAcrossReplicasTests {

	static final String KEY = "replica-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = TestPorts.free();

	static final int SECOND_PORT = TestPorts.free();

	@TempDir
	static Path workspace;

	static ConfigurableApplicationContext second;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
		registry.add("THOTH_API_PORT", () -> PORT);
	}

	@Autowired
	PipelineEvents events;

	@Autowired
	JsonMapper json;

	@AfterAll
	static void stopTheSecondReplica() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aClientOfOneReplicaHearsTheJobsOfTheOther() throws Exception {
		second = new SpringApplicationBuilder(ApiApplication.class).properties(Map.of("THOTH_DATABASE_URL",
				database.url(), "THOTH_DATABASE_USER", database.user(), "THOTH_DATABASE_PASSWORD", database.password(),
				"THOTH_API_SECRET_KEY", KEY, "THOTH_WORKSPACE_DIR", workspace.toString(), "THOTH_API_PORT",
				String.valueOf(SECOND_PORT), "THOTH_REDIS_URL", TestServers.redisUrl()))
			.run();
		PipelineEvents secondEvents = second.getBean(PipelineEvents.class);
		assertThat(this.events.transport()).isEqualTo("redis");
		assertThat(secondEvents.transport()).isEqualTo("redis");

		try (EventStreamClient stream = EventStreamClient
			.open(URI.create("http://127.0.0.1:" + PORT + "/api/v1/events"), KEY)) {
			stream.awaitConnected();
			EventsApiTests.awaitListening(secondEvents, stream);

			// A PDF uploaded to the second replica: its job is queued there.
			byte[] pdf = ("%PDF-1.4\n% replica test " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
			Multipart form = new Multipart().file("file", "replica.pdf", "application/pdf", pdf);
			HttpResponse<String> upload = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SECOND_PORT + "/api/v1/papers"))
					.header("X-API-Key", KEY)
					.header("Content-Type", form.contentType())
					.timeout(Duration.ofSeconds(30))
					.POST(form.publisher())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(upload.statusCode()).isEqualTo(202);
			String job = this.json.readTree(upload.body()).get("jobId").asString();

			EventStreamClient.Event queued = stream.next((event) -> event.data().contains(job));
			assertThat(queued).as("the queued event of job " + job + " on the first replica").isNotNull();
			assertThat(queued.name()).isEqualTo("queued");

			// And what a monitor reports through the second replica's connection.
			secondEvents.publish(PipelineEvent.stage(UUID.fromString(job), "inspect", "DONE", null));
			EventStreamClient.Event stage = stream.next((event) -> event.data().contains(job));
			assertThat(stage).isNotNull();
			assertThat(stage.name()).isEqualTo("stage");
		}
	}

}
