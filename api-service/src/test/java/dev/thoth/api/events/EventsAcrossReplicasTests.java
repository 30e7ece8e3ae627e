package dev.thoth.api.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.thoth.api.ApiApplication;
import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.EventStreamClient;
import dev.thoth.api.support.Multipart;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.clients.api.SearchClient;
import dev.thoth.clients.api.SearchHit;
import dev.thoth.clients.api.SearchResults;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.PostgresChunks;
import dev.thoth.vectorstore.index.SearchIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two API replicas with Redis configured, on one database and one workspace: a client
 * connected to the first hears the jobs the second queues, through Redis pub/sub; and a
 * paper the PDF monitor writes is searchable on both within 2 s, each replica following
 * PostgreSQL with its own search index.
 */
// Redis must be known when the environment is prepared (it decides which
// auto-configuration
// runs), before dynamic properties are added.
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_REDIS_URL=${THOTH_TEST_REDIS_URL}")
class EventsAcrossReplicasTests {

	static final String KEY = "replica-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	static final int SECOND_PORT = FreePorts.next();

	@TempDir
	static Path workspace;

	static ConfigurableApplicationContext second;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, workspace::toString, PORT);
	}

	@Autowired
	PipelineEvents events;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Embedder embedder;

	@AfterAll
	static void stopTheSecondReplica() {
		if (second != null) {
			second.close();
		}
	}

	@BeforeAll
	static void startTheSecondReplica() {
		second = new SpringApplicationBuilder(ApiApplication.class).properties(Map.of("THOTH_DATABASE_URL",
				database.url(), "THOTH_DATABASE_USER", database.user(), "THOTH_DATABASE_PASSWORD", database.password(),
				"THOTH_API_SECRET_KEY", KEY, "THOTH_WORKSPACE_DIR", workspace.toString(), "THOTH_API_PORT",
				String.valueOf(SECOND_PORT), "THOTH_REDIS_URL", TestServers.redisUrl()))
			.run();
	}

	@Test
	void aPaperWrittenByTheMonitorIsSearchableOnBothReplicasWithinTwoSeconds() {
		second.getBean(SearchIndex.class).awaitReady(Duration.ofSeconds(60));
		UUID paper = UUID.randomUUID();
		this.jdbc.update("insert into papers (id, content_sha256, status, title, year) values (?, ?, 'READY', ?, 2021)",
				paper, (paper.toString().replace("-", "") + "0".repeat(32)).substring(0, 64),
				"Nocturnal stomata of agaves");
		String text = "Agaves open their stomata at night and store carbon as malic acid, a quirk named " + paper;
		// Written as the PDF monitor writes, through a connection of its own.
		new PostgresChunks(this.dataSource, this.embedder.modelName()).replace(paper,
				List.of(new EmbeddedChunk(new Chunk(Chunk.idFor(paper, 0), paper, 0, 1, null, text),
						this.embedder.embed(text))));
		// Searchable on both replicas within 2 s of the write.
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			for (int port : List.of(PORT, SECOND_PORT)) {
				SearchResults found = searchClient(port).search("agaves \"" + paper + "\"", 5, "hybrid", null, null);
				assertThat(found.hits()).as("replica on port " + port).extracting(SearchHit::paperId).contains(paper);
			}
		});
	}

	private static SearchClient searchClient(int port) {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultHeader("X-API-Key", KEY)
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(SearchClient.class);
	}

	@Test
	void aClientOfOneReplicaHearsTheJobsOfTheOther() throws Exception {
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
