package dev.thoth.api.ask;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Library;
import dev.thoth.api.support.ServerSentEvents;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.Answer;
import dev.thoth.clients.api.AskClient;
import dev.thoth.clients.api.Citation;
import dev.thoth.clients.api.Question;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Questions answered offline (extractive) from a real library, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_RATE_LIMIT_PER_MINUTE=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AskApiTests {

	static final String KEY = "ask-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	AskClient client;

	@Autowired
	PaperRepository papers;

	@Autowired
	VectorStore store;

	@Autowired
	Embedder embedder;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Paper scheduling;

	Paper desert;

	@BeforeAll
	void fillTheLibrary() {
		Library library = new Library(this.papers, this.store, this.embedder);
		this.scheduling = library.add("Bi-criteria scheduling of moldable jobs", Library.SCHEDULING);
		library.add("Architectural decision records", Library.DECISIONS);
		this.desert = library.add("Water use of desert succulents", Library.DESERT_PLANTS);
		UUID botany = UUID.randomUUID();
		this.jdbc.sql("insert into tags (id, name) values (:id, 'botany')").param("id", botany).update();
		this.jdbc.sql("insert into paper_tags (paper_id, tag_id) values (:paper, :tag)")
			.param("paper", this.desert.getId())
			.param("tag", botany)
			.update();
	}

	@Test
	void anAnswerInOnePaperCitesThatPapersPage() {
		Answer answer = this.client.ask(new Question("When do succulent plants open their stomata?"));
		assertThat(answer.answered()).isTrue();
		assertThat(answer.answeredBy()).isEqualTo("extractive");
		assertThat(answer.answer()).contains("night").containsPattern("\\[\\d]");
		assertThat(answer.citations()).isNotEmpty();
		Citation first = answer.citations().getFirst();
		assertThat(first.paperId()).isEqualTo(this.desert.getId());
		assertThat(first.title()).isEqualTo("Water use of desert succulents");
		assertThat(first.page()).isEqualTo(1);
		assertThat(first.quote()).contains("open their stomata at night");
		assertThat(first.pdfUrl()).isEqualTo("/api/v1/papers/" + this.desert.getId() + "/pdf#page=1");
		assertThat(answer.answer()).contains("[" + first.n() + "]");
	}

	@Test
	void aQuestionTheLibraryCannotAnswerIsSaidSo() {
		Answer answer = this.client.ask(new Question("What is the capital city of France?"));
		assertThat(answer.answered()).isFalse();
		assertThat(answer.answer()).isEqualTo(AskService.NOT_IN_LIBRARY);
		assertThat(answer.citations()).isEmpty();
	}

	@Test
	void restrictedToOtherPapersTheAnswerIsNotThere() {
		Answer answer = this.client.ask(new Question("When do succulent plants open their stomata?", 6,
				List.of(this.scheduling.getId()), null));
		assertThat(answer.answered()).isFalse();
		Answer untagged = this.client
			.ask(new Question("When do succulent plants open their stomata?", 6, null, List.of("nowhere")));
		assertThat(untagged.answered()).isFalse();
		// A NUL character is refused in any text sent, with the field it was in.
		assertThatThrownBy(() -> this.client
			.ask(new Question("When do succulent plants open their stomata?", 6, null, List.of("bot\u0000any"))))
			.isInstanceOf(HttpClientErrorException.BadRequest.class)
			.hasMessageContaining("tags[0]: must not contain control characters");
	}

	@Test
	void aTagIsNamedAsUsersTypeIt() {
		Answer answer = this.client
			.ask(new Question("When do succulent plants open their stomata?", 6, null, List.of("  Botany ", "")));
		assertThat(answer.answered()).isTrue();
		assertThat(answer.citations())
			.allSatisfy((citation) -> assertThat(citation.paperId()).isEqualTo(this.desert.getId()));
	}

	@Test
	void theAnswerStreamsTokenByTokenThenItsCitations() throws Exception {
		String question = "{\"question\": \"When do succulent plants open their stomata?\"}";
		HttpResponse<String> response = this.http.send(request("/api/v1/ask").header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(question))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<ServerSentEvents.Event> events = ServerSentEvents.parse(response.body());
		List<String> tokens = events.stream()
			.filter((event) -> event.name().equals("token"))
			.map(ServerSentEvents.Event::data)
			.toList();
		assertThat(tokens).hasSizeGreaterThan(3);
		assertThat(events.get(events.size() - 2).name()).isEqualTo("citations");
		assertThat(events.getLast().name()).isEqualTo("done");
		assertThat(events.getLast().data()).contains("\"answered\":true");
		Answer whole = this.client.ask(new Question("When do succulent plants open their stomata?"));
		assertThat(String.join("", tokens)).isEqualTo(whole.answer());
		assertThat(this.json.readTree(events.get(events.size() - 2).data()).get(0).get("paperId").asString())
			.isEqualTo(this.desert.getId().toString());
	}

	@Test
	void badQuestionsAre400sThatNameTheField() throws Exception {
		assertProblem(post("{\"question\": \"  \"}"), 400, "question");
		assertProblem(post("{\"question\": \"x\", \"k\": 21}"), 400, "k");
		assertProblem(post("{\"question\": \"x\", \"paperIds\": [\"nope\"]}"), 400, "");
		assertProblem(post("{\"question\": "), 400, "");
		assertProblem(post("{\"question\": \"" + "x".repeat(2001) + "\"}"), 400, "question");
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/ask"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"x\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60));
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.http.send(request("/api/v1/ask").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void assertProblem(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains(field);
	}

}
