package dev.thoth.api.papers;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API's half of keeping notes in step, over real HTTP on a real database: removing,
 * correcting and tagging a paper request the notes that show it (rows in
 * {@code note_refreshes}, committed with the change) and announce the change as a
 * {@code CHANGED} pipeline event, which wakes the PDF monitors (whose half is
 * {@code NoteRefreshTests} in pdf-monitor). A change that fails requests nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_RATE_LIMIT_PER_MINUTE=0")
class NoteRefreshRequestsApiTests {

	static final String KEY = "note-refresh-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	PipelineEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<PipelineEvent> heard = new CopyOnWriteArrayList<>();

	private PipelineEvents.Subscription subscription;

	@BeforeEach
	void listen() {
		this.jdbc.sql("delete from note_refreshes").update();
		this.subscription = this.events.subscribe(this.heard::add);
		// Listening starts asynchronously: probe until one is heard.
		UUID probe = UUID.randomUUID();
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.events.publish(PipelineEvent.queued(probe));
			return this.heard.stream().anyMatch((event) -> probe.equals(event.jobId()));
		});
	}

	@AfterEach
	void stopListening() {
		this.subscription.close();
	}

	@Test
	void removingAPaperRequestsTheNotesThatCitedIt() throws Exception {
		Paper removed = paper("A paper to remove", null);
		Paper citing = paper("A paper citing it", null);
		Paper other = paper("A paper citing something else", null);
		reference(citing, 1, "A paper to remove", null, removed);
		reference(other, 1, "Unrelated", null, null);

		assertThat(send("DELETE", "/api/v1/papers/" + removed.getId(), null).statusCode()).isEqualTo(204);

		assertThat(requested()).containsExactly(citing.getId());
		awaitChange(removed.getId(), "REMOVED");
	}

	@Test
	void aCorrectedDoiRequestsThePaperAndThePapersItNowResolvesFor() throws Exception {
		Paper corrected = paper("A paper whose DOI was missing", null);
		Paper citing = paper("A paper citing it by DOI", null);
		Paper unrelated = paper("A paper citing nothing here", null);
		reference(citing, 1, "Something", "10.5555/NOTES", null);
		reference(unrelated, 1, "Something else", "10.5555/other", null);

		HttpResponse<String> response = send("PATCH", "/api/v1/papers/" + corrected.getId(),
				"{\"doi\": \"10.5555/notes\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

		assertThat(requested()).containsExactlyInAnyOrder(corrected.getId(), citing.getId());
		awaitChange(corrected.getId(), "CORRECTED");

		// A correction of a field no other note shows requests the paper's own note only.
		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(
				send("PATCH", "/api/v1/papers/" + corrected.getId(), "{\"venue\": \"Plant Physiology\"}").statusCode())
			.isEqualTo(200);
		assertThat(requested()).containsExactly(corrected.getId());

		// A correction refused requests nothing.
		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(send("PATCH", "/api/v1/papers/" + corrected.getId(), "{\"year\": \"next spring\"}").statusCode())
			.isEqualTo(400);
		assertThat(requested()).isEmpty();
	}

	@Test
	void taggingUntaggingRenamingMergingAndDeletingTagsRequestTheNotesOfTheirPapers() throws Exception {
		Paper first = paper("First tagged paper", null);
		Paper second = paper("Second tagged paper", null);
		Paper untouched = paper("A paper never tagged", null);

		assertThat(send("PUT", tagPath(first, "night stomata"), null).statusCode()).isEqualTo(200);
		assertThat(requested()).containsExactly(first.getId());
		awaitChange(first.getId(), "TAGGED");

		this.jdbc.sql("delete from note_refreshes").update();
		HttpResponse<String> tagged = send("PUT", tagPath(second, "night stomata"), null);
		UUID tag = UUID.fromString(this.json.readTree(tagged.body()).get("id").asString());
		assertThat(send("PUT", tagPath(second, "cam"), null).statusCode()).isEqualTo(200);
		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(send("PATCH", "/api/v1/tags/" + tag, "{\"name\": \"nocturnal stomata\"}").statusCode())
			.isEqualTo(200);
		assertThat(requested()).containsExactlyInAnyOrder(first.getId(), second.getId());

		this.jdbc.sql("delete from note_refreshes").update();
		UUID cam = UUID
			.fromString(this.json.readTree(send("PUT", tagPath(first, "cam"), null).body()).get("id").asString());
		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(send("POST", "/api/v1/tags/" + cam + "/merge", "{\"into\": \"" + tag + "\"}").statusCode())
			.isEqualTo(200);
		assertThat(requested()).containsExactlyInAnyOrder(first.getId(), second.getId());

		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(send("DELETE", tagPath(second, "nocturnal stomata"), null).statusCode()).isEqualTo(204);
		assertThat(requested()).containsExactly(second.getId());

		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(send("DELETE", "/api/v1/tags/" + tag, null).statusCode()).isEqualTo(204);
		assertThat(requested()).containsExactly(first.getId());
		assertThat(requested()).doesNotContain(untouched.getId());

		// Untagging a tag the paper does not carry is a 404 and requests nothing.
		this.jdbc.sql("delete from note_refreshes").update();
		assertThat(send("DELETE", tagPath(untouched, "cam"), null).statusCode()).isEqualTo(404);
		assertThat(requested()).isEmpty();
	}

	private List<UUID> requested() {
		return this.jdbc.sql("select paper_id from note_refreshes").query(UUID.class).list();
	}

	private void awaitChange(UUID paperId, String change) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.heard.stream()
				.anyMatch((event) -> event.kind() == PipelineEvent.Kind.CHANGED && paperId.equals(event.paperId())
						&& change.equals(event.status())));
	}

	private static String tagPath(Paper paper, String name) {
		return "/api/v1/papers/" + paper.getId() + "/tags/"
				+ URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Paper paper(String title, String doi) {
		Paper paper = new Paper(TestHashes.random());
		paper.describe(title, List.of("A. Botanist"), 2020);
		paper.setDoi(doi);
		paper.setStatus(PaperStatus.READY);
		return this.papers.saveAndFlush(paper);
	}

	private void reference(Paper citing, int position, String title, String doi, Paper resolved) {
		PaperReference reference = new PaperReference(citing.getId(), position, "[" + position + "] " + title);
		reference.describe(title, List.of("A. Author"), 2019, null, doi, null);
		if (resolved != null) {
			reference.resolveTo(resolved.getId());
		}
		this.references.saveAndFlush(reference);
	}

}
