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

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper list's filters and orders over real HTTP on a real database. */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_RATE_LIMIT_PER_MINUTE=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperListApiTests {

	static final String KEY = "list-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	PapersClient client;

	@Autowired
	PaperRepository papers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Paper folding;

	Paper quantum;

	Paper caches;

	Paper draft;

	@BeforeAll
	void fillTheLibrary() {
		// Saved one after the other: created in this order.
		this.folding = paper("Deep learning for protein folding", List.of("Alice Smith", "Bob Jones"), 2019,
				PaperStatus.READY, "Neural networks predict structures from sequences.");
		this.quantum = paper("Quantum error correction", List.of("Carol White"), 2021, PaperStatus.PENDING,
				"Surface codes protect qubits.");
		this.caches = paper("A survey of 100% efficient_caches", List.of("Dan O'Brien"), 2015, PaperStatus.FAILED,
				null);
		this.draft = paper("Untitled draft about folding chairs", List.of("Eve Adams"), null, PaperStatus.READY, null);
		tag(this.folding, "biology");
		tag(this.quantum, "physics");
		tag(this.folding, "machine learning");
	}

	@Test
	void withoutFiltersEveryPaperComesNewestFirst() {
		assertThat(ids(this.client.list(0, 20))).containsExactly(this.draft.getId(), this.caches.getId(),
				this.quantum.getId(), this.folding.getId());
	}

	@Test
	void qFindsWordsInTitleAbstractOrAuthorsRegardlessOfCase() throws Exception {
		assertThat(ids(list("q=FOLDING"))).containsExactlyInAnyOrder(this.folding.getId(), this.draft.getId());
		assertThat(ids(list("q=surface%20codes"))).containsExactly(this.quantum.getId());
		assertThat(ids(list("q=o'brien"))).containsExactly(this.caches.getId());
		assertThat(ids(list("q=nothing-like-this"))).isEmpty();
	}

	@Test
	void qIsTextNeverSqlOrAPattern() throws Exception {
		assertThat(ids(list("q=" + encode("100%")))).containsExactly(this.caches.getId());
		assertThat(ids(list("q=" + encode("%")))).containsExactly(this.caches.getId());
		assertThat(ids(list("q=" + encode("deep_learning")))).isEmpty();
		assertThat(ids(list("q=" + encode("efficient_caches")))).containsExactly(this.caches.getId());
		assertThat(ids(list("q=" + encode("' or '1'='1")))).isEmpty();
		assertThat(ids(list("q=" + encode("x'); drop table papers; --")))).isEmpty();
		assertThat(ids(list("q=" + encode("\\")))).isEmpty();
		HttpResponse<String> nul = get("/api/v1/papers?q=" + encode("fold\u0000ing"));
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("q: must not contain control characters");
		assertThat(this.papers.count()).isEqualTo(4);
	}

	@Test
	void tagAuthorYearAndStatusFilterAndCombine() throws Exception {
		assertThat(ids(list("tag=biology"))).containsExactly(this.folding.getId());
		assertThat(ids(list("tag=" + encode("machine learning")))).containsExactly(this.folding.getId());
		assertThat(ids(list("tag=chemistry"))).isEmpty();
		assertThat(ids(list("author=SMI"))).containsExactly(this.folding.getId());
		assertThat(ids(list("author=" + encode("o'b")))).containsExactly(this.caches.getId());
		assertThat(ids(list("author=bob%20jones"))).containsExactly(this.folding.getId());
		assertThat(ids(list("yearFrom=2019"))).containsExactlyInAnyOrder(this.folding.getId(), this.quantum.getId());
		assertThat(ids(list("yearTo=2019"))).containsExactlyInAnyOrder(this.folding.getId(), this.caches.getId());
		assertThat(ids(list("yearFrom=2016&yearTo=2020"))).containsExactly(this.folding.getId());
		assertThat(ids(list("yearFrom=2019&yearTo=2019"))).containsExactly(this.folding.getId());
		assertThat(ids(list("status=READY"))).containsExactlyInAnyOrder(this.folding.getId(), this.draft.getId());
		assertThat(ids(list("status=failed"))).containsExactly(this.caches.getId());
		assertThat(ids(list("status=READY&q=folding&yearFrom=2000"))).containsExactly(this.folding.getId());
		assertThat(ids(list("status=PENDING&tag=biology"))).isEmpty();
	}

	@Test
	void sortsByYearTitleOrCreationInEitherDirection() throws Exception {
		// Papers without a year come last either way.
		assertThat(ids(list("sort=year,desc"))).containsExactly(this.quantum.getId(), this.folding.getId(),
				this.caches.getId(), this.draft.getId());
		assertThat(ids(list("sort=year"))).containsExactly(this.caches.getId(), this.folding.getId(),
				this.quantum.getId(), this.draft.getId());
		assertThat(ids(list("sort=year,asc"))).containsExactly(this.caches.getId(), this.folding.getId(),
				this.quantum.getId(), this.draft.getId());
		assertThat(ids(list("sort=title,asc"))).containsExactly(this.caches.getId(), this.folding.getId(),
				this.quantum.getId(), this.draft.getId());
		assertThat(ids(list("sort=title,DESC"))).containsExactly(this.draft.getId(), this.quantum.getId(),
				this.folding.getId(), this.caches.getId());
		assertThat(ids(list("sort=createdAt,asc"))).containsExactly(this.folding.getId(), this.quantum.getId(),
				this.caches.getId(), this.draft.getId());
		assertThat(ids(list("sort=createdAt,desc"))).containsExactly(this.draft.getId(), this.caches.getId(),
				this.quantum.getId(), this.folding.getId());
	}

	@Test
	void filteredPagesCountOnlyTheMatches() throws Exception {
		PageResponse<PaperSummary> first = this.client.find(null, null, null, null, null, "READY", "title,asc", 0, 1);
		assertThat(first.totalItems()).isEqualTo(2);
		assertThat(first.totalPages()).isEqualTo(2);
		assertThat(ids(first)).containsExactly(this.folding.getId());
		PageResponse<PaperSummary> second = this.client.find(null, null, null, null, null, "READY", "title,asc", 1, 1);
		assertThat(ids(second)).containsExactly(this.draft.getId());
		PageResponse<PaperSummary> beyond = this.client.find(null, null, null, null, null, "READY", null, 5, 1);
		assertThat(beyond.items()).isEmpty();
		assertThat(beyond.totalItems()).isEqualTo(2);
		PaperSummary summary = this.client.find("protein", "biology", "alice", 2019, 2019, null, null, 0, 10)
			.items()
			.getFirst();
		assertThat(summary.title()).isEqualTo("Deep learning for protein folding");
		assertThat(summary.authors()).extracting((author) -> author.name()).containsExactly("Alice Smith", "Bob Jones");
		assertThat(summary.year()).isEqualTo(2019);
		assertThat(summary.status()).isEqualTo("READY");
	}

	@Test
	void invalidFiltersAre400ProblemsNamingTheParameter() throws Exception {
		assertNamed("status=DONE", "status");
		assertNamed("sort=popularity", "sort");
		assertNamed("sort=year,sideways", "sort");
		assertNamed("sort=year,desc,title", "sort");
		assertNamed("yearFrom=abc", "yearFrom");
		assertNamed("yearFrom=-1", "yearFrom");
		assertNamed("yearTo=100000", "yearTo");
		assertNamed("q=" + "x".repeat(501), "q");
		assertNamed("author=" + "x".repeat(201), "author");
		assertNamed("size=0", "size");
		assertNamed("page=-1", "page");
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/papers?q=folding")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private void assertNamed(String query, String parameter) throws Exception {
		HttpResponse<String> response = get("/api/v1/papers?" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("detail").asString()).as(query).contains(parameter);
	}

	private Paper paper(String title, List<String> authors, Integer year, PaperStatus status, String abstractText) {
		Paper paper = new Paper((UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""));
		paper.describe(title, authors, year);
		paper.setStatus(status);
		paper.setAbstractText(abstractText);
		return this.papers.saveAndFlush(paper);
	}

	private void tag(Paper paper, String name) {
		UUID tag = this.jdbc.sql("select id from tags where name = :name")
			.param("name", name)
			.query(UUID.class)
			.optional()
			.orElseGet(() -> {
				UUID id = UUID.randomUUID();
				this.jdbc.sql("insert into tags (id, name) values (:id, :name)")
					.param("id", id)
					.param("name", name)
					.update();
				return id;
			});
		this.jdbc.sql("insert into paper_tags (paper_id, tag_id) values (:paper, :tag)")
			.param("paper", paper.getId())
			.param("tag", tag)
			.update();
	}

	private PageResponse<PaperSummary> list(String query) throws Exception {
		HttpResponse<String> response = get("/api/v1/papers?size=100&" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(200);
		JsonNode page = this.json.readTree(response.body());
		List<PaperSummary> items = page.get("items")
			.values()
			.stream()
			.map((item) -> this.json.treeToValue(item, PaperSummary.class))
			.toList();
		return new PageResponse<>(items, page.get("page").asInt(), page.get("size").asInt(),
				page.get("totalItems").asLong(), page.get("totalPages").asInt());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-API-Key", KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<UUID> ids(PageResponse<PaperSummary> page) {
		return page.items().stream().map(PaperSummary::id).toList();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
