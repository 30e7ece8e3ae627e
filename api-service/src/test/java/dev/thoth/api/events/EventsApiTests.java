package dev.thoth.api.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.EventStreamClient;
import dev.thoth.api.support.Multipart;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.events.PipelineEventsAutoConfiguration;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event stream over real HTTP, read as it is written, with events published by
 * another process on the same PostgreSQL (no Redis: they travel by NOTIFY) and by jobs
 * the API itself queues.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "thoth.events.heartbeat=1s")
class EventsApiTests {

	static final String KEY = "events-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, workspace::toString, PORT);
	}

	/** Another process on the same database: a PDF monitor, as far as events go. */
	private final ApplicationContextRunner monitor = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, PipelineEventsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + database.url(), "spring.datasource.username=" + database.user(),
				"spring.datasource.password=" + database.password());

	@Autowired
	EventsController controller;

	@Autowired
	PipelineEvents events;

	@Autowired
	PaperRepository papers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void eventsFromAnotherProcessArriveNamedByKindWithAnIdAndJson() {
		this.monitor.run((context) -> {
			PipelineEvents other = context.getBean(PipelineEvents.class);
			assertThat(other.transport()).isEqualTo("postgres");
			try (EventStreamClient stream = open("/api/v1/events")) {
				assertThat(stream.response().statusCode()).isEqualTo(200);
				assertThat(stream.response().headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
				stream.awaitConnected();
				awaitListening(other, stream);
				UUID job = UUID.randomUUID();
				UUID paper = UUID.randomUUID();
				// A change to the library, for the monitors, is no pipeline progress: not
				// streamed.
				other.publish(PipelineEvent.changed(paper, "TAGGED"));
				other.publish(PipelineEvent.stage(job, "text", "DONE", "OCR on 2 of 2 pages"));
				other.publish(PipelineEvent.finished(job, paper, "DONE", null));

				EventStreamClient.Event stage = stream
					.next((event) -> event.data().contains(job.toString()) || event.data().contains(paper.toString()));
				assertThat(stage).isNotNull();
				assertThat(stage.name()).isEqualTo("stage");
				assertThat(stage.id()).isNotBlank();
				JsonNode data = this.json.readTree(stage.data());
				assertThat(data.get("kind").asString()).isEqualTo("STAGE");
				assertThat(data.get("jobId").asString()).isEqualTo(job.toString());
				assertThat(data.get("stage").asString()).isEqualTo("text");
				assertThat(data.get("status").asString()).isEqualTo("DONE");
				assertThat(data.get("message").asString()).isEqualTo("OCR on 2 of 2 pages");
				assertThat(data.get("at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

				EventStreamClient.Event finished = stream.nextEvent(Duration.ofSeconds(30));
				assertThat(finished.name()).isEqualTo("finished");
				assertThat(Long.parseLong(finished.id())).isGreaterThan(Long.parseLong(stage.id()));
				assertThat(this.json.readTree(finished.data()).get("paperId").asString()).isEqualTo(paper.toString());
			}
		});
	}

	@Test
	void aStreamForOneJobOrOnePaperHearsOnlyThose() {
		this.monitor.run((context) -> {
			PipelineEvents other = context.getBean(PipelineEvents.class);
			try (EventStreamClient all = open("/api/v1/events")) {
				all.awaitConnected();
				awaitListening(other, all);
				UUID job = UUID.randomUUID();
				Paper paper = this.papers.save(new Paper(TestHashes.random()));
				// A re-processing job names its paper from the start; its stage events
				// do not carry it.
				UUID reprocessing = UUID.randomUUID();
				this.jdbc.sql("""
						insert into ingest_jobs (id, content_sha256, source_path, status, paper_id, reprocess_from)
						values (:id, :hash, '/papers/x.pdf', 'RUNNING', :paper, 'note')
						""")
					.param("id", reprocessing)
					.param("hash", paper.getContentSha256())
					.param("paper", paper.getId())
					.update();
				try (EventStreamClient oneJob = open("/api/v1/events?jobId=" + job);
						EventStreamClient onePaper = open("/api/v1/events?paperId=" + paper.getId())) {
					oneJob.awaitConnected();
					onePaper.awaitConnected();
					UUID unrelated = UUID.randomUUID();
					other.publish(PipelineEvent.stage(unrelated, "text", "DONE", null));
					other.publish(PipelineEvent.stage(reprocessing, "note", "DONE", null));
					other.publish(PipelineEvent.stage(job, "inspect", "DONE", null));
					other.publish(PipelineEvent.finished(unrelated, paper.getId(), "DONE", null));

					EventStreamClient.Event first = oneJob.nextEvent(Duration.ofSeconds(30));
					assertThat(this.json.readTree(first.data()).get("jobId").asString()).isEqualTo(job.toString());

					EventStreamClient.Event ofPaper = onePaper.nextEvent(Duration.ofSeconds(30));
					assertThat(this.json.readTree(ofPaper.data()).get("jobId").asString())
						.isEqualTo(reprocessing.toString());
					EventStreamClient.Event filed = onePaper.nextEvent(Duration.ofSeconds(30));
					assertThat(filed.name()).isEqualTo("finished");
					assertThat(this.json.readTree(filed.data()).get("paperId").asString())
						.isEqualTo(paper.getId().toString());
				}
			}
		});
	}

	@Test
	void anUploadIsHeardAsQueued() throws Exception {
		try (EventStreamClient stream = open("/api/v1/events")) {
			stream.awaitConnected();
			awaitListening(this.events, stream);
			byte[] pdf = ("%PDF-1.4\n% event test " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
			Multipart form = new Multipart().file("file", "event-test.pdf", "application/pdf", pdf);
			HttpResponse<String> upload = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/papers"))
					.header("X-API-Key", KEY)
					.header("Content-Type", form.contentType())
					.timeout(Duration.ofSeconds(30))
					.POST(form.publisher())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(upload.statusCode()).isEqualTo(202);
			String job = this.json.readTree(upload.body()).get("jobId").asString();
			EventStreamClient.Event queued = stream.next((event) -> event.data().contains(job));
			assertThat(queued).isNotNull();
			assertThat(queued.name()).isEqualTo("queued");
			assertThat(this.json.readTree(queued.data()).get("status").asString()).isEqualTo("QUEUED");
		}
		Files.deleteIfExists(workspace.resolve("inbox").resolve("event-test.pdf"));
	}

	@Test
	void anIdleStreamSendsHeartbeatsAndAClosedClientEndsItsSubscription() throws Exception {
		try (EventStreamClient stream = open("/api/v1/events")) {
			stream.awaitConnected();
			assertThat(this.controller.openStreams()).isPositive();
			assertThat(stream.awaitComment("heartbeat")).isTrue();
		}
		// The next heartbeat finds the client gone and ends the stream and its
		// subscription.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.controller.openStreams() == 0);
	}

	@Test
	void withoutTheKeyItIs401AndBadFiltersAre400Problems() throws Exception {
		HttpResponse<String> unauthorized = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/events"))
				.header("Accept", "text/event-stream")
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unauthorized.statusCode()).isEqualTo(401);

		for (String query : new String[] { "jobId=not-a-uuid", "paperId=1%27%20or%201=1" }) {
			HttpResponse<String> bad = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/events?" + query))
					.header("Accept", "text/event-stream")
					.header("X-API-Key", KEY)
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(bad.statusCode()).as(query).isEqualTo(400);
			assertThat(bad.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
			assertThat(bad.body()).contains(query.substring(0, query.indexOf('=')));
		}
	}

	private EventStreamClient open(String path) {
		return EventStreamClient.open(URI.create("http://127.0.0.1:" + PORT + path), KEY);
	}

	/**
	 * Listening starts asynchronously, in this process and through the database: probe
	 * until the stream hears one.
	 */
	static void awaitListening(PipelineEvents sending, EventStreamClient stream) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			UUID probe = UUID.randomUUID();
			sending.publish(PipelineEvent.queued(probe));
			EventStreamClient.Event heard = stream.nextEvent(Duration.ofMillis(300));
			if (heard != null) {
				// Later probes may still be on their way: read up to this one.
				while (heard != null && !heard.data().contains(probe.toString())) {
					heard = stream.nextEvent(Duration.ofSeconds(10));
				}
				return;
			}
		}
		throw new AssertionError("the stream never heard a probe event");
	}

}
