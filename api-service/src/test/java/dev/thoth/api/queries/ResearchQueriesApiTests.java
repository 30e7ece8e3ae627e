package dev.thoth.api.queries;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.support.ApiRequests;
import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.LastRun;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.ResearchQueryRequest;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Research queries over real HTTP on a real database, through the typed client the
 * discovery service uses, and raw HTTP for what a client must not be able to send.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class ResearchQueriesApiTests {

	static final String KEY = "queries-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	ResearchQueriesClient client;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static String unique(String name) {
		return name + " " + UUID.randomUUID();
	}

	@Test
	void creatingAnswers201WithTheLocationAndEveryDefault() throws Exception {
		String name = unique("transformers");
		HttpResponse<String> created = send("POST", "/api/v1/research-queries",
				"{\"name\": \"  " + name + "  \", \"keywords\": [\" attention \", \"attention\", \"transformer\"]}");
		assertThat(created.statusCode()).isEqualTo(201);
		ResearchQueryView view = this.json.readValue(created.body(), ResearchQueryView.class);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/research-queries/" + view.id());
		assertThat(view.name()).isEqualTo(name);
		assertThat(view.keywords()).containsExactly("attention", "transformer");
		assertThat(view.categories()).isEmpty();
		assertThat(view.sources()).isEmpty();
		assertThat(view.maxResults()).isEqualTo(50);
		assertThat(view.schedule()).isEqualTo("@daily");
		assertThat(view.enabled()).isTrue();
		assertThat(view.lastRunAt()).isNull();
		assertThat(view.minRelevance()).isEqualTo(0.5);
		assertThat(view.autoDownload()).isFalse();
		assertThat(view.lastDays()).isNull();
		assertThat(view.from()).isNull();
		assertThat(view.to()).isNull();
		assertThat(view.createdAt()).isNotNull();
		assertThat(this.client.get(view.id())).isEqualTo(view);
	}

	@Test
	void aFullDefinitionIsKeptAndReplacedWhole() {
		ResearchQueryView created = this.client.create(new ResearchQueryRequest(unique("graphs"),
				List.of("graph neural networks"), List.of("cs.LG", "stat.ML"), List.of("Petar Veličković"),
				List.of("arxiv", "semantic_scholar", "arxiv"), 2018, 200, "0 0 6 * * MON-FRI", false, null, null, null,
				null, null));
		assertThat(created.categories()).containsExactly("cs.LG", "stat.ML");
		assertThat(created.authors()).containsExactly("Petar Veličković");
		assertThat(created.sources()).containsExactly("arxiv", "semantic_scholar");
		assertThat(created.minYear()).isEqualTo(2018);
		assertThat(created.maxResults()).isEqualTo(200);
		assertThat(created.schedule()).isEqualTo("0 0 6 * * MON-FRI");
		assertThat(created.enabled()).isFalse();

		// Whatever the replacement leaves out takes its default again.
		ResearchQueryView replaced = this.client.replace(created.id(), new ResearchQueryRequest(created.name(), null,
				null, List.of("Yann LeCun"), null, null, null, "@weekly", null, null, null, null, null, null));
		assertThat(replaced.id()).isEqualTo(created.id());
		assertThat(replaced.keywords()).isEmpty();
		assertThat(replaced.categories()).isEmpty();
		assertThat(replaced.authors()).containsExactly("Yann LeCun");
		assertThat(replaced.sources()).isEmpty();
		assertThat(replaced.minYear()).isNull();
		assertThat(replaced.maxResults()).isEqualTo(50);
		assertThat(replaced.schedule()).isEqualTo("@weekly");
		assertThat(replaced.enabled()).isTrue();
		assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
		assertThat(replaced.updatedAt()).isAfterOrEqualTo(created.updatedAt());
		assertThat(this.client.get(created.id())).isEqualTo(replaced);
	}

	@Test
	void whatDiscoveryDoesWithResultsIsKeptAndReplacedWhole() {
		ResearchQueryView created = this.client
			.create(new ResearchQueryRequest(unique("window"), List.of("stomata"), null, null, null, null, null, null,
					null, 0.7, true, null, LocalDate.parse("2024-01-01"), LocalDate.parse("2024-06-30")));
		assertThat(created.minRelevance()).isEqualTo(0.7);
		assertThat(created.autoDownload()).isTrue();
		assertThat(created.lastDays()).isNull();
		assertThat(created.from()).isEqualTo(LocalDate.parse("2024-01-01"));
		assertThat(created.to()).isEqualTo(LocalDate.parse("2024-06-30"));
		assertThat(this.client.get(created.id())).isEqualTo(created);

		ResearchQueryView days = this.client.replace(created.id(), new ResearchQueryRequest(created.name(),
				List.of("stomata"), null, null, null, null, null, null, null, 0.0, null, 14, null, null));
		assertThat(days.minRelevance()).isZero();
		assertThat(days.autoDownload()).isFalse();
		assertThat(days.lastDays()).isEqualTo(14);
		assertThat(days.from()).isNull();
		assertThat(days.to()).isNull();
	}

	@Test
	void theListIsPagedByNameAndFiltersByEnabled() {
		String prefix = "list " + UUID.randomUUID() + " ";
		this.client.create(new ResearchQueryRequest(prefix + "b", List.of("b"), null, null, null, null, null, null,
				false, null, null, null, null, null));
		this.client.create(ResearchQueryRequest.of(prefix + "a", List.of("a")));
		this.client.create(ResearchQueryRequest.of(prefix + "c", List.of("c")));
		List<String> all = this.client.list(null, 0, 100)
			.items()
			.stream()
			.map(ResearchQueryView::name)
			.filter((name) -> name.startsWith(prefix))
			.toList();
		assertThat(all).containsExactly(prefix + "a", prefix + "b", prefix + "c");
		PageResponse<ResearchQueryView> page = this.client.list(null, 0, 1);
		assertThat(page.items()).hasSize(1);
		assertThat(page.totalPages()).isEqualTo((int) page.totalItems());
		assertThat(this.client.list(true, 0, 100).items()).extracting(ResearchQueryView::name)
			.contains(prefix + "a", prefix + "c")
			.doesNotContain(prefix + "b");
		assertThat(this.client.list(false, 0, 100).items()).extracting(ResearchQueryView::name)
			.contains(prefix + "b")
			.allMatch((name) -> !name.equals(prefix + "a"));
	}

	@Test
	void deletingAnswers204AndThenTheQueryIsGone() throws Exception {
		ResearchQueryView created = this.client.create(ResearchQueryRequest.of(unique("short-lived"), List.of("x")));
		HttpResponse<String> deleted = send("DELETE", "/api/v1/research-queries/" + created.id(), null);
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThatThrownBy(() -> this.client.get(created.id())).isInstanceOf(HttpClientErrorException.NotFound.class);
		assertThatThrownBy(() -> this.client.delete(created.id()))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
	}

	@Test
	void aNameIsUnique409OnCreateAndOnReplace() throws Exception {
		String name = unique("unique");
		ResearchQueryView first = this.client.create(ResearchQueryRequest.of(name, List.of("one")));
		HttpResponse<String> again = send("POST", "/api/v1/research-queries",
				"{\"name\": \"" + name + "\", \"keywords\": [\"two\"]}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(again.body()).get("detail").asString()).startsWith("name: ");

		ResearchQueryView second = this.client.create(ResearchQueryRequest.of(unique("other"), List.of("two")));
		assertThatThrownBy(() -> this.client.replace(second.id(), ResearchQueryRequest.of(name, List.of("two"))))
			.isInstanceOf(HttpClientErrorException.Conflict.class);
		// Keeping its own name is no conflict.
		assertThat(this.client.replace(first.id(), ResearchQueryRequest.of(name, List.of("three"))).keywords())
			.containsExactly("three");
	}

	@Test
	void invalidDefinitionsAre400ProblemsNamingTheField() throws Exception {
		String tooMany = this.json.writeValueAsString(Collections.nCopies(51, "k"));
		List<String[]> cases = List.of(new String[] { "name", "{\"keywords\": [\"x\"]}" },
				new String[] { "name", "{\"name\": \"   \", \"keywords\": [\"x\"]}" },
				new String[] { "name", "{\"name\": \"tab\\there\", \"keywords\": [\"x\"]}" },
				new String[] { "name", "{\"name\": \"" + "n".repeat(201) + "\", \"keywords\": [\"x\"]}" },
				new String[] { "keywords", "{\"name\": \"no terms\"}" },
				new String[] { "keywords", "{\"name\": \"too many\", \"keywords\": " + tooMany + "}" },
				new String[] { "keywords[0]", "{\"name\": \"blank\", \"keywords\": [\" \"]}" },
				new String[] { "keywords[1]", "{\"name\": \"null\", \"keywords\": [\"x\", null]}" },
				new String[] { "sources[1]",
						"{\"name\": \"s\", \"keywords\": [\"x\"], \"sources\": [\"arxiv\", \"google\"]}" },
				new String[] { "sources[0]", "{\"name\": \"s\", \"keywords\": [\"x\"], \"sources\": [\"xarxivx\"]}" },
				new String[] { "maxResults", "{\"name\": \"m\", \"keywords\": [\"x\"], \"maxResults\": 0}" },
				new String[] { "maxResults", "{\"name\": \"m\", \"keywords\": [\"x\"], \"maxResults\": 501}" },
				new String[] { "minYear", "{\"name\": \"y\", \"keywords\": [\"x\"], \"minYear\": 1000}" },
				new String[] { "minYear", "{\"name\": \"y\", \"keywords\": [\"x\"], \"minYear\": 3000}" },
				new String[] { "schedule", "{\"name\": \"c\", \"keywords\": [\"x\"], \"schedule\": \"every day\"}" },
				// Spring's cron has a seconds field: five fields are refused, not
				// misread.
				new String[] { "schedule", "{\"name\": \"c\", \"keywords\": [\"x\"], \"schedule\": \"0 6 * * *\"}" },
				new String[] { "schedule", "{\"name\": \"c\", \"keywords\": [\"x\"], \"schedule\": \"* * * * * *\"}" },
				new String[] { "schedule",
						"{\"name\": \"c\", \"keywords\": [\"x\"], \"schedule\": \"0 0,1 * * * *\"}" },
				new String[] { "schedule", "{\"name\": \"c\", \"keywords\": [\"x\"], \"schedule\": \"0 0 0 30 2 *\"}" },
				new String[] { "minRelevance", "{\"name\": \"r\", \"keywords\": [\"x\"], \"minRelevance\": 1.5}" },
				new String[] { "minRelevance", "{\"name\": \"r\", \"keywords\": [\"x\"], \"minRelevance\": -0.1}" },
				new String[] { "lastDays", "{\"name\": \"w\", \"keywords\": [\"x\"], \"lastDays\": 0}" },
				new String[] { "lastDays", "{\"name\": \"w\", \"keywords\": [\"x\"], \"lastDays\": 3651}" },
				new String[] { "lastDays",
						"{\"name\": \"w\", \"keywords\": [\"x\"], \"lastDays\": 7, \"from\": \"2025-01-01\"}" },
				new String[] { "to", "{\"name\": \"w\", \"keywords\": [\"x\"], \"from\": \"2025-02-01\", "
						+ "\"to\": \"2025-01-01\"}" });
		for (String[] example : cases) {
			HttpResponse<String> response = send("POST", "/api/v1/research-queries", example[1]);
			assertThat(response.statusCode()).as(example[1]).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("errors")).as(example[1])
				.anySatisfy((error) -> assertThat(error.get("field").asString()).isEqualTo(example[0]));
			assertThat(problem.get("detail").asString()).as(example[1]).contains(example[0] + ": ");
		}
		HttpResponse<String> malformed = send("POST", "/api/v1/research-queries", "{\"name\": ");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> wrongType = send("POST", "/api/v1/research-queries",
				"{\"name\": \"t\", \"keywords\": \"not a list\"}");
		assertThat(wrongType.statusCode()).isEqualTo(400);
		HttpResponse<String> notADate = send("POST", "/api/v1/research-queries",
				"{\"name\": \"w\", \"keywords\": [\"x\"], \"from\": \"yesterday\"}");
		assertThat(notADate.statusCode()).isEqualTo(400);
		assertThat(notADate.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.jdbc.sql("select count(*) from research_queries where name in ('c', 'm', 'y', 's', 'r', 'w')")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void schedulesSpringCanRunAreAccepted() {
		for (String schedule : List.of("@hourly", "@daily", "@weekly", "@monthly", "0 */5 * * * *",
				"0 30 6 * * MON-FRI")) {
			assertThat(this.client
				.create(new ResearchQueryRequest(unique(schedule), List.of("x"), null, null, null, null, null, schedule,
						null, null, null, null, null, null))
				.schedule()).isEqualTo(schedule);
		}
	}

	@Test
	void theLastRunOnlyMovesForward() throws Exception {
		ResearchQueryView query = this.client.create(ResearchQueryRequest.of(unique("runs"), List.of("x")));
		Instant run = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
		assertThat(this.client.recordRun(query.id(), new LastRun(run)).lastRunAt()).isEqualTo(run);
		assertThat(this.client.recordRun(query.id(), new LastRun(run.minus(1, ChronoUnit.DAYS))).lastRunAt())
			.isEqualTo(run);
		assertThat(this.client.get(query.id()).lastRunAt()).isEqualTo(run);
		// Recording a run is not a change of the definition.
		assertThat(this.client.get(query.id()).updatedAt()).isEqualTo(query.updatedAt());

		HttpResponse<String> future = send("PUT", "/api/v1/research-queries/" + query.id() + "/last-run",
				"{\"at\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}");
		assertThat(future.statusCode()).isEqualTo(400);
		assertThat(future.body()).contains("\"field\":\"at\"");
		HttpResponse<String> missing = send("PUT", "/api/v1/research-queries/" + query.id() + "/last-run", "{}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("\"field\":\"at\"");
		assertThatThrownBy(() -> this.client.recordRun(UUID.randomUUID(), new LastRun(run)))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
	}

	@Test
	void unknownIdsAre404AndMalformedOnes400() throws Exception {
		UUID nobody = UUID.randomUUID();
		assertThatThrownBy(() -> this.client.get(nobody)).isInstanceOf(HttpClientErrorException.NotFound.class);
		assertThatThrownBy(() -> this.client.replace(nobody, ResearchQueryRequest.of("whatever", List.of("x"))))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
		HttpResponse<String> notAnId = send("GET", "/api/v1/research-queries/not-a-uuid", null);
		assertThat(notAnId.statusCode()).isEqualTo(400);
		assertThat(notAnId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> size = send("GET", "/api/v1/research-queries?size=101", null);
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("size");
		assertThat(send("GET", "/api/v1/research-queries?enabled=maybe", null).statusCode()).isEqualTo(400);
	}

	@Test
	void injectionIsJustText() {
		String name = "Robert'); DROP TABLE research_queries;-- " + UUID.randomUUID();
		List<String> keywords = List.of("' OR 1=1 --", "\"; DELETE FROM papers; --", "$$; select pg_sleep(10); $$");
		ResearchQueryView created = this.client.create(new ResearchQueryRequest(name, keywords, List.of("cs.DB"),
				List.of("<script>alert(1)</script>"), null, null, null, null, null, null, null, null, null, null));
		ResearchQueryView read = this.client.get(created.id());
		assertThat(read.name()).isEqualTo(name);
		assertThat(read.keywords()).containsExactlyElementsOf(keywords);
		assertThat(read.authors()).containsExactly("<script>alert(1)</script>");
		assertThat(this.client.list(null, 0, 100).items()).extracting(ResearchQueryView::name).contains(name);
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		for (String[] request : List.of(new String[] { "GET", "/api/v1/research-queries" },
				new String[] { "POST", "/api/v1/research-queries" },
				new String[] { "DELETE", "/api/v1/research-queries/" + UUID.randomUUID() })) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + request[1]))
					.method(request[0], HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}"))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(401);
		}
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		return ApiRequests.send(this.http, PORT, KEY, method, path, json);
	}

}
