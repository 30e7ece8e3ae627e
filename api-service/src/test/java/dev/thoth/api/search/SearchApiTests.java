package dev.thoth.api.search;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Library;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.SearchClient;
import dev.thoth.clients.api.SearchHit;
import dev.thoth.clients.api.SearchResults;
import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.VectorStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Search over real HTTP, a real database and the real embedding model, through the typed
 * client other services use, with the query cache in a real Redis.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "THOTH_REDIS_URL=${THOTH_TEST_REDIS_URL}", "THOTH_RATE_LIMIT_PER_MINUTE=0" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTests {

	static final String KEY = "search-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	SearchClient client;

	@Autowired
	PaperRepository papers;

	@Autowired
	VectorStore store;

	@Autowired
	Embedder embedder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CacheManager caches;

	@Autowired
	HitPapers hitPapers;

	@Autowired
	PipelineEvents events;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Paper scheduling;

	Paper decisions;

	Paper desert;

	@BeforeAll
	void fillTheLibrary() {
		Library library = new Library(this.papers, this.store, this.embedder);
		this.scheduling = library.add("Bi-criteria scheduling of moldable jobs", Library.SCHEDULING);
		this.decisions = library.add("Architectural decision records", Library.DECISIONS);
		this.desert = library.add("Water use of desert succulents", Library.DESERT_PLANTS);
		UUID tag = UUID.randomUUID();
		this.jdbc.sql("insert into tags (id, name) values (:id, 'botany')").param("id", tag).update();
		this.jdbc.sql("insert into paper_tags (paper_id, tag_id) values (:paper, :tag)")
			.param("paper", this.desert.getId())
			.param("tag", tag)
			.update();
	}

	@Test
	void anExactPhraseFindsItsPaperFirstInEveryMode() {
		for (String mode : List.of("lexical", "hybrid", "semantic")) {
			SearchResults results = this.client.search("weighted completion time", 5, mode, null, null);
			assertThat(results.mode()).isEqualTo(mode);
			assertThat(results.hits()).as(mode).isNotEmpty();
			SearchHit best = results.hits().getFirst();
			assertThat(best.paperId()).as(mode).isEqualTo(this.scheduling.getId());
			assertThat(best.title()).isEqualTo("Bi-criteria scheduling of moldable jobs");
			assertThat(best.text()).contains("weighted completion time");
			assertThat(best.page()).isBetween(1, 2);
		}
	}

	@Test
	void aParaphraseWithFewSharedWordsIsFoundByMeaning() {
		String query = "how do cactus-like species avoid losing moisture";
		assertThat(this.client.search(query, 3, "semantic", null, null).hits().getFirst().paperId())
			.isEqualTo(this.desert.getId());
		assertThat(this.client.search(query, 3, "hybrid", null, null).hits().getFirst().paperId())
			.isEqualTo(this.desert.getId());
	}

	@Test
	void hitsGetTheirPapersTitlesAsTheyAreNowAndHitsOfPapersGoneAreLeftOut() {
		UUID gone = UUID.randomUUID();
		SearchResults cached = new SearchResults("stomata", "lexical", List.of(
				new SearchHit(this.desert.getId(), null, UUID.randomUUID(), "stomata close", 2, "Results", 0.9, null),
				new SearchHit(gone, "An old title", UUID.randomUUID(), "stomata", 1, null, 0.8, null)));

		SearchResults current = this.hitPapers.complete(cached);

		assertThat(current.query()).isEqualTo("stomata");
		assertThat(current.hits()).singleElement().satisfies((hit) -> {
			assertThat(hit.paperId()).isEqualTo(this.desert.getId());
			assertThat(hit.title()).isEqualTo("Water use of desert succulents");
			assertThat(hit.text()).isEqualTo("stomata close");
			assertThat(hit.page()).isEqualTo(2);
			assertThat(hit.score()).isEqualTo(0.9);
			assertThat(hit.retraction()).isNull();
		});
		assertThat(this.hitPapers.complete(new SearchResults("x", "hybrid", List.of())).hits()).isEmpty();
	}

	@Test
	void hitsCanBeLimitedToPapersOrToATag() {
		assertThat(this.client
			.search("design choice processors stomata", 10, "hybrid", List.of(this.decisions.getId()), null)
			.hits()).isNotEmpty().allSatisfy((hit) -> assertThat(hit.paperId()).isEqualTo(this.decisions.getId()));
		assertThat(this.client.search("design choice processors stomata", 10, "hybrid", null, "botany").hits())
			.isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.paperId()).isEqualTo(this.desert.getId()));
		// A tag is named as users type it: the filter matches the stored, normalised
		// name.
		assertThat(this.client.search("design choice processors stomata", 10, "hybrid", null, "  Botany ").hits())
			.isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.paperId()).isEqualTo(this.desert.getId()));
		assertThat(this.client.search("design choice", 10, "hybrid", null, "no-such-tag").hits()).isEmpty();
	}

	@Test
	void injectionAndQuerySyntaxAreJustText() throws Exception {
		for (String hostile : List.of("'; drop table papers; --", "a & | ! ( ) :* <-> \\", "\" OR 1=1 --",
				"stomata') or ('1'='1", "%00")) {
			HttpResponse<String> response = get("/api/v1/search?q=" + encode(hostile));
			assertThat(response.statusCode()).as(hostile).isEqualTo(200);
		}
		// Control characters are refused, naming the parameter; invisible-only text too.
		assertProblem(get("/api/v1/search?q=" + encode("stomata\u0000")), "q");
		assertProblem(get("/api/v1/search?q=" + encode("\u200b\u200c\u200f")), "q");
		assertThat(this.papers.count()).isEqualTo(3);
	}

	@Test
	void badParametersAre400sThatNameTheField() throws Exception {
		assertProblem(get("/api/v1/search?q=x&mode=fuzzy"), "mode");
		assertProblem(get("/api/v1/search?q=x&k=0"), "k");
		assertProblem(get("/api/v1/search?q=x&k=51"), "k");
		assertProblem(get("/api/v1/search?q=%20"), "q");
		assertProblem(get("/api/v1/search"), "q");
		assertProblem(get("/api/v1/search?q=x&paperId=not-a-uuid"), "paperId");
		for (String paperId : List.of("%2C", "%00", "%20")) {
			assertProblem(get("/api/v1/search?q=model&paperId=" + paperId), "paperId");
		}
		HttpResponse<String> repeated = get("/api/v1/search?q=model&paperId=" + UUID.randomUUID() + "&paperId=bad");
		assertProblem(repeated, "paperId");
		assertThat(repeated.body()).contains("'bad' is not a UUID").doesNotContain("[Ljava");
		assertProblem(get("/api/v1/search?q=" + "x".repeat(1001)), "q");
	}

	@Test
	void theQueryLanguageWorksOverHttp() throws Exception {
		assertThat(this.client.search("\"weighted completion time\" -makespan", 5, "lexical", null, null).hits())
			.isEmpty();
		assertThat(this.client.search("\"weighted completion time\"", 5, "lexical", null, null).hits()).isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.text()).contains("weighted completion time"));
		for (String mode : List.of("lexical", "semantic", "hybrid")) {
			assertThat(this.client.search("water and carbon title:succulents", 5, mode, null, null).hits()).as(mode)
				.isNotEmpty()
				.allSatisfy((hit) -> assertThat(hit.paperId()).isEqualTo(this.desert.getId()));
			assertThat(
					this.client.search("water and carbon author:lovelace year:2020..2025", 5, mode, null, null).hits())
				.as(mode)
				.isNotEmpty();
			assertThat(this.client.search("water and carbon author:turing", 5, mode, null, null).hits()).as(mode)
				.isEmpty();
			assertThat(this.client.search("water and carbon year:..2000", 5, mode, null, null).hits()).as(mode)
				.isEmpty();
		}
		// Malformed: a 400 that says what is wrong, never a 500.
		for (String malformed : List.of("stomata year:abc", "stomata year:2021..2019", "stomata title:", "-stomata",
				"year:2020", "stomata -year:2020")) {
			HttpResponse<String> response = get("/api/v1/search?q=" + encode(malformed));
			assertProblem(response, "q");
			assertThat(this.json.readTree(response.body()).get("detail").asString()).as(malformed)
				.startsWith("q: ")
				.doesNotContain("Exception");
		}
	}

	@Test
	void theIndexReportsItselfAndRebuildsOnlineWithProgressEvents() throws Exception {
		HttpResponse<String> status = get("/api/v1/search/index");
		assertThat(status.statusCode()).isEqualTo(200);
		JsonNode before = this.json.readTree(status.body());
		assertThat(before.get("state").asString()).isEqualTo("ready");
		assertThat(before.get("passages").asLong()).isPositive();
		assertThat(before.get("passagesWithoutVector").asLong()).as("every passage of the library has its vector")
			.isZero();
		assertThat(before.get("seq").asLong()).isEqualTo(before.get("headSeq").asLong());
		List<PipelineEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (PipelineEvents.Subscription subscription = this.events.subscribe(heard::add)) {
			HttpResponse<String> rebuild = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/search/index/rebuild"))
					.header("X-API-Key", KEY)
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(rebuild.statusCode()).isEqualTo(202);
			assertThat(rebuild.headers().firstValue("Location")).hasValue("/api/v1/search/index");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> heard.stream()
					.anyMatch((event) -> event.kind() == PipelineEvent.Kind.INDEX && "done".equals(event.status())));
		}
		assertThat(heard).filteredOn((event) -> event.kind() == PipelineEvent.Kind.INDEX)
			.extracting(PipelineEvent::status)
			.startsWith("started");
		JsonNode after = this.json.readTree(get("/api/v1/search/index").body());
		assertThat(after.get("path").asString()).isNotEqualTo(before.get("path").asString());
		assertThat(after.get("passages").asLong()).isEqualTo(before.get("passages").asLong());
		assertThat(this.client.search("weighted completion time", 5, "hybrid", null, null).hits()).isNotEmpty();
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/search?q=x")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void repeatedSearchesComeFromRedisUntilAPaperFinishesIngestion() {
		String query = "Calvin cycle " + UUID.randomUUID();
		this.client.search(query, 4, "hybrid", null, null);
		assertThat(this.caches.getClass().getSimpleName()).isEqualTo("RedisCacheManager");
		assertThat(redisKeys("thoth:api:searches*")).anyMatch((key) -> key.contains(query));
		assertThat(redisKeys("thoth:api:query-embeddings*")).anyMatch((key) -> key.contains(query));

		this.events.publish(PipelineEvent.finished(UUID.randomUUID(), UUID.randomUUID(), "DONE", null));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> redisKeys("thoth:api:searches*").stream().noneMatch((key) -> key.contains(query)));
		// The embedding of a query never changes: it stays.
		assertThat(redisKeys("thoth:api:query-embeddings*")).anyMatch((key) -> key.contains(query));
	}

	private List<String> redisKeys(String pattern) {
		RedisClient redis = RedisClient.create(System.getenv("THOTH_TEST_REDIS_URL"));
		try (StatefulRedisConnection<String, String> connection = redis.connect()) {
			return connection.sync().keys(pattern);
		}
		finally {
			redis.shutdown();
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void assertProblem(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.toString()).as(response.uri().toString()).contains(field);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
