package dev.thoth.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.support.ApiStandIn;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The discovery service whole, on a real PostgreSQL, with the six sources replayed and
 * the API stood in for by WireMock (the real API is system-tests' DiscoveryIT): a query
 * runs, every source reports, works are merged across sources (a preprint with its
 * published version) and recognised in the library, scored and explained; accepting a
 * result downloads its PDF and hands it to the API with its origin, and the result
 * follows its job into the library; auto-download takes what scores high enough but never
 * a retracted paper; feedback trains the query's classifier; bad requests are problem
 * details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryEndToEndTests {

	static final String KEY = "discovery-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final ApiStandIn world = new ApiStandIn();

	static final UUID JOB = UUID.randomUUID();

	static final UUID PAPER = UUID.randomUUID();

	static final ResearchQueryView COSMOLOGY = ApiStandIn.query("cosmology",
			List.of("backreaction", "cosmic acceleration"), "@daily", false, 0.4, Instant.now());

	static final ResearchQueryView AUTOMATIC = ApiStandIn.query("cosmology, downloaded",
			List.of("backreaction", "cosmic acceleration"), "@daily", true, 0.0, Instant.now());

	@TempDir
	static Path workspace;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		world.register(registry);
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
		registry.add("OPENALEX_API_KEY", () -> "openalex-test-key");
		registry.add("THOTH_DISCOVERY_TICK", () -> "1h");
		registry.add("THOTH_DISCOVERY_INGEST_CHECK", () -> "500ms");
		registry.add("THOTH_DISCOVERY_IMPORTS_ARXIV_PDF_URL", () -> world.url() + "/pdf/arxiv/");
		world.sources();
		world.queries(COSMOLOGY, AUTOMATIC);
		world.library(ApiStandIn.libraryPaper("Dark energy from structure: a status report", "Thomas Buchert", 2008,
				"10.1007/s10714-007-0554-8"));
		world.uploadsBecome(JOB, PAPER);
	}

	@AfterAll
	static void stop() {
		world.close();
	}

	@Test
	void aQueryRunsOnEverySourceAndItsResultsAreMergedScoredExplainedAndTakenIntoTheLibrary() throws Exception {
		JsonNode run = runToEnd(COSMOLOGY.id());
		assertThat(run.get("status").asString()).isEqualTo("completed");
		List<String> sources = new ArrayList<>();
		for (JsonNode source : run.get("sources")) {
			sources.add(source.get("source").asString());
			assertThat(source.get("status").asString()).as(source.toString()).isEqualTo("ok");
			assertThat(source.get("fetched").asInt()).as(source.toString()).isPositive();
			assertThat(source.get("newResults").asInt() + source.get("duplicates").asInt()).as(source.toString())
				.isPositive();
		}
		assertThat(sources).containsExactly("arxiv", "semantic_scholar", "pubmed", "crossref", "openalex", "biorxiv");
		assertThat(get("/discovery/runs?queryId=" + COSMOLOGY.id()).get("items"))
			.anySatisfy((listed) -> assertThat(listed.get("runId")).isEqualTo(run.get("runId")));

		JsonNode results = get("/discovery/results?queryId=" + COSMOLOGY.id() + "&size=100");
		List<JsonNode> items = new ArrayList<>();
		results.get("items").forEach(items::add);
		assertThat(results.get("totalItems").asInt()).isEqualTo(items.size());
		// Ordered best first, each scored within 0..1 and explained.
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			assertThat(item.get("score").asDouble()).isBetween(0.0, 1.0);
			assertThat(item.get("explanation").get("summary").asString()).isNotBlank();
			if (i > 0) {
				assertThat(item.get("score").asDouble()).isLessThanOrEqualTo(items.get(i - 1).get("score").asDouble());
			}
		}
		// One work for the arXiv preprint and its journal version, found by four sources.
		JsonNode bolejko = only(items, "Apparent and average accelerations of the Universe");
		assertThat(bolejko.get("ids").get("arxivId").asString()).isEqualTo("0807.3577");
		assertThat(bolejko.get("ids").get("doi").asString()).isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(bolejko.get("ids").get("openAlexId").asString()).isEqualTo("W2091734551");
		assertThat(strings(bolejko.get("sources"))).containsExactlyInAnyOrder("arxiv", "semantic_scholar", "crossref",
				"openalex");
		assertThat(strings(bolejko.get("explanation").get("matchedTerms"))).contains("cosmic acceleration");
		// The bioRxiv preprint, its CrossRef record and its PubMed article are one work.
		JsonNode tissue = only(items, "Mechanical backreaction of tissue growth on morphogen gradients");
		assertThat(tissue.get("ids").get("doi").asString()).isEqualTo("10.7554/elife.99000003");
		assertThat(tissue.get("ids").get("preprintDoi").asString()).isEqualTo("10.1101/2024.05.02.000002");
		assertThat(tissue.get("ids").get("pmid").asString()).isEqualTo("99000003");
		assertThat(strings(tissue.get("sources"))).contains("pubmed", "crossref", "biorxiv");
		// A PubMed paper that CrossRef's notice also retracts.
		JsonNode retracted = items.stream()
			.filter((item) -> item.get("ids").get("pmid").asString("").equals("99000002"))
			.findFirst()
			.orElseThrow();
		assertThat(retracted.get("retracted").asBoolean()).isTrue();
		// The library's paper is recognised by its DOI.
		JsonNode held = only(items, "Dark Energy from Structure: A Status Report");
		assertThat(held.get("status").asString()).isEqualTo("in_library");
		assertThat(get("/discovery/results?queryId=" + COSMOLOGY.id() + "&status=in_library").get("totalItems").asInt())
			.isEqualTo(1);

		// Accepting downloads the PDF, hands it to the API with its origin, and follows
		// the job into the library.
		String id = bolejko.get("id").asString();
		assertThat(post("/discovery/results/" + id + "/accept").get("status").asString()).isEqualTo("accepted");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/discovery/results/" + id).get("status").asString().equals("in_library"));
		JsonNode inLibrary = get("/discovery/results/" + id);
		assertThat(inLibrary.get("paperId").asString()).isEqualTo(PAPER.toString());
		assertThat(inLibrary.get("jobId").asString()).isEqualTo(JOB.toString());
		LoggedRequest upload = world.server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/papers")))
			.stream()
			.filter((request) -> request.getBodyAsString().contains(id))
			.findFirst()
			.orElseThrow();
		assertThat(upload.getPart("file").getBody().asString()).startsWith("%PDF-");
		assertThat(upload.getPart("file").getHeader("Content-Disposition").firstValue()).contains(".pdf");
		JsonNode origin = ApiStandIn.JSON.readTree(upload.getPart("origin").getBody().asString());
		assertThat(origin.get("resultId").asString()).isEqualTo(id);
		assertThat(origin.get("queryId").asString()).isEqualTo(COSMOLOGY.id().toString());
		assertThat(origin.get("ids").get("arxivId").asString()).isEqualTo("0807.3577");

		// A retracted paper is never downloaded, even when accepted.
		String retractedId = retracted.get("id").asString();
		post("/discovery/results/" + retractedId + "/accept");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !get("/discovery/results/" + retractedId).path("downloadError").isNull());
		JsonNode refused = get("/discovery/results/" + retractedId);
		assertThat(refused.get("status").asString()).isEqualTo("accepted");
		assertThat(refused.get("downloadError").asString()).contains("retracted");

		// Feedback of both kinds trains the query's classifier; the waiting results are
		// scored again with it, and its strongest features explain them.
		for (JsonNode item : items) {
			String other = item.get("id").asString();
			if (item.get("status").asString().equals("new") && !other.equals(retractedId) && !other.equals(id)) {
				post("/discovery/results/" + item.get("id").asString() + "/reject");
				break;
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode item : get("/discovery/results?queryId=" + COSMOLOGY.id() + "&status=new").get("items")) {
				JsonNode classifier = item.get("explanation").get("classifier");
				if (classifier == null || classifier.isNull() || classifier.get("strongestFeatures").isEmpty()) {
					return false;
				}
			}
			return true;
		});
		assertThat(post("/discovery/results/" + id + "/reject").get("status").asInt()).isEqualTo(409);

		// The feed: the best new papers, each work once, not those in the library.
		JsonNode feed = getArray("/discovery/feed?days=7");
		assertThat(feed).isNotEmpty();
		for (JsonNode item : feed) {
			assertThat(item.get("status").asString()).isIn("new", "accepted", "downloaded");
			assertThat(item.get("score").asDouble()).isGreaterThanOrEqualTo(0.4);
		}
	}

	@Test
	void autoDownloadTakesEveryNewResultAboveItsThresholdButNoRetractedOne() throws Exception {
		JsonNode run = runToEnd(AUTOMATIC.id());
		assertThat(run.get("status").asString()).isEqualTo("completed");
		int downloaded = 0;
		for (JsonNode source : run.get("sources")) {
			downloaded += source.get("downloaded").asInt();
		}
		JsonNode results = get("/discovery/results?queryId=" + AUTOMATIC.id() + "&size=100");
		int handedOver = 0;
		for (JsonNode item : results.get("items")) {
			boolean handed = !item.path("jobId").isNull();
			if (item.get("retracted").asBoolean()) {
				assertThat(handed).as(item.toString()).isFalse();
				assertThat(item.get("status").asString()).isEqualTo("new");
			}
			else if (!item.path("pdfUrl").isNull()) {
				// Downloaded, unless the library held it already.
				assertThat(handed || item.get("status").asString().equals("in_library")).as(item.toString()).isTrue();
			}
			handedOver += handed ? 1 : 0;
		}
		assertThat(downloaded).isEqualTo(handedOver).isPositive();
	}

	@Test
	void badRequestsAreProblemDetailsWithTheRequestId() throws Exception {
		for (String path : List.of("/discovery/results?status=maybe", "/discovery/results?minScore=2",
				"/discovery/results?size=1000", "/discovery/feed?days=0", "/discovery/results/not-a-uuid",
				"/discovery/runs?size=0", "/discovery/runs?queryId=not-a-uuid", "/discovery/runs/" + UUID.randomUUID(),
				"/discovery/results/" + UUID.randomUUID())) {
			HttpResponse<String> response = send("GET", path);
			assertThat(response.statusCode()).as(path).isIn(400, 404);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(ApiStandIn.JSON.readTree(response.body()).get("requestId")).as(path).isNotNull();
		}
		world.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.get(urlPathEqualTo("/api/v1/research-queries/00000000-0000-0000-0000-000000000404"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)));
		assertThat(send("POST", "/discovery/queries/00000000-0000-0000-0000-000000000404/run").statusCode())
			.isEqualTo(404);
		HttpResponse<String> withoutKey = this.http.send(HttpRequest.newBuilder(uri("/discovery/results")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(withoutKey.statusCode()).isEqualTo(401);
	}

	@Test
	void papersAreImportedByArxivIdDoiOrUrlIntoTheApisUploadAndBadOnesAreRefused() throws Exception {
		world.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.get(urlPathMatching("/crossref/works/10\\.1088(/|%2F)1475-7516.*"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withBody(ApiStandIn.fixture("crossref/work.json")
					.replace("https://arxiv.org/pdf/", world.url() + "/pdf/arxiv/"))));
		world.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.get(urlPathMatching("/crossref/works/10\\.5555(/|%2F)thoth\\.closed.*"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withBody(ApiStandIn.fixture("crossref/work-closed.json"))));
		int uploads = world.server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/papers"))).size();
		for (String body : List.of("{\"arxivId\": \"0807.3577v3\"}", "{\"doi\": \"10.1088/1475-7516/2008/10/003\"}",
				"{\"doi\": \"10.48550/arXiv.0807.3577\"}", "{\"url\": \"" + world.url() + "/pdf/arxiv/0807.3577\"}")) {
			HttpResponse<String> imported = post("/discovery/imports", body);
			assertThat(imported.statusCode()).as(body + ": " + imported.body()).isEqualTo(202);
			assertThat(ApiStandIn.JSON.readTree(imported.body()).get("jobId").asString()).isEqualTo(JOB.toString());
		}
		assertThat(world.server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/papers")))).hasSize(uploads + 4);
		assertThat(world.server.findAll(com.github.tomakehurst.wiremock.client.WireMock
			.getRequestedFor(urlPathEqualTo("/pdf/arxiv/0807.3577v3")))).isNotEmpty();

		record Refusal(String body, int status, String detail) {
		}
		for (Refusal refusal : List.of(new Refusal("{}", 400, "exactly one of"),
				new Refusal("{\"doi\": \"10.1/x\", \"arxivId\": \"2301.01234\"}", 400, "exactly one of"),
				new Refusal("{\"arxivId\": \"../../etc\"}", 400, "arxivId"),
				new Refusal("{\"doi\": \"not a doi\"}", 400, "doi"),
				new Refusal("{\"doi\": \"10.5555/thoth.closed.1\"}", 422, "no open-access PDF"),
				new Refusal("{\"doi\": \"10.5555/thoth.unknown\"}", 404, "CrossRef does not know"),
				new Refusal("{\"url\": \"" + world.url() + "/crossref/works?cursor=*\"}", 422, "is not a PDF"))) {
			HttpResponse<String> refused = post("/discovery/imports", refusal.body());
			assertThat(refused.statusCode()).as(refusal.body() + ": " + refused.body()).isEqualTo(refusal.status());
			assertThat(ApiStandIn.JSON.readTree(refused.body()).get("detail").asString()).contains(refusal.detail());
		}
		assertThat(world.server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/papers")))).hasSize(uploads + 4);
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void healthNamesEverySourceAndMetricsCountThem() throws Exception {
		JsonNode health = get("/health");
		JsonNode sources = health.get("components").get("discoverySources").get("details");
		for (String source : List.of("arxiv", "semantic_scholar", "pubmed", "crossref", "openalex", "biorxiv")) {
			assertThat(sources.get(source).get("status").asString()).as(source).isEqualTo("configured");
		}
		String metrics = send("GET", "/metrics").body();
		assertThat(metrics).contains("thoth_discovery_source_requests_seconds_count{",
				"thoth_discovery_source_rate_limit_wait_seconds_count{", "thoth_discovery_runs_total{",
				"thoth_discovery_results_total{", "thoth_discovery_downloads_total{",
				"resilience4j_circuitbreaker_state{", "name=\"source:arxiv\"", "source=\"biorxiv\"");
	}

	private JsonNode runToEnd(UUID queryId) throws Exception {
		HttpResponse<String> accepted = send("POST", "/discovery/queries/" + queryId + "/run");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String runId = ApiStandIn.JSON.readTree(accepted.body()).get("runId").asString();
		assertThat(accepted.headers().firstValue("Location")).hasValue("/discovery/runs/" + runId);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> List.of("completed", "failed")
				.contains(get("/discovery/runs/" + runId).get("status").asString()));
		return get("/discovery/runs/" + runId);
	}

	private static JsonNode only(List<JsonNode> items, String title) {
		List<JsonNode> found = items.stream().filter((item) -> item.get("title").asString().equals(title)).toList();
		assertThat(found).as(title).hasSize(1);
		return found.get(0);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send("GET", path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return ApiStandIn.JSON.readTree(response.body());
	}

	private JsonNode getArray(String path) throws Exception {
		return get(path);
	}

	private JsonNode post(String path) throws Exception {
		HttpResponse<String> response = send("POST", path);
		JsonNode body = ApiStandIn.JSON.readTree(response.body());
		return (response.statusCode() == 200) ? body : body;
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
