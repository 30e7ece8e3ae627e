package dev.thoth.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery across real services: the suite started by ./thoth up, its six sources
 * pointed at a WireMock replaying their real answers (discovery-service's test fixtures,
 * served by the stack test's stubs). A research query defined through the API (via the
 * gateway) runs on its schedule, finds papers from all six sources, merges and scores
 * them, downloads the ones above its threshold through the API's upload, and the PDF
 * monitor ingests them: the paper shows its discovery origin and the result is in the
 * library. With online look-ups on, the retraction watch finds the paper's notice at the
 * replayed CrossRef and the API shows it on the paper, its note (written again by the PDF
 * monitor), its search hits and the citations of it.
 */
class DiscoveryIT {

	static final JsonMapper json = JsonMapper.builder().build();

	static final Path OPENALEX_FIXTURES = Launcher.ROOT.resolve("pdf-monitor/src/test/resources/replayed/openalex");

	static WireMockServer sources;

	@TempDir
	static Path temp;

	static Launcher launcher;

	static String key;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void up() throws Exception {
		sources = PaperSources.replay(temp.resolve("paper-sources"));
		launcher = new Launcher(temp);
		String url = sources.baseUrl();
		Map<String, String> environment = new java.util.HashMap<>(Map.of("THOTH_DISCOVERY_SOURCES_ARXIV_BASE_URL",
				url + "/arxiv", "THOTH_DISCOVERY_SOURCES_SEMANTIC_SCHOLAR_BASE_URL", url + "/s2",
				"THOTH_DISCOVERY_SOURCES_PUBMED_BASE_URL", url + "/pubmed", "THOTH_DISCOVERY_SOURCES_CROSSREF_BASE_URL",
				url + "/crossref", "THOTH_DISCOVERY_SOURCES_OPENALEX_BASE_URL", url + "/openalex",
				"THOTH_DISCOVERY_SOURCES_BIORXIV_BASE_URL", url + "/biorxiv",
				"THOTH_DISCOVERY_SOURCES_BIORXIV_CONTENT_URL", url + "/content",
				"THOTH_DISCOVERY_SOURCES_MEDRXIV_CONTENT_URL", url + "/content"));
		environment.putAll(Map.of("OPENALEX_API_KEY", "openalex-test-key", "THOTH_DISCOVERY_DOWNLOAD_SCHEMES",
				"http,https", "THOTH_DISCOVERY_DOWNLOAD_ALLOW_PRIVATE_ADDRESSES", "true", "THOTH_DISCOVERY_TICK", "2s",
				"THOTH_DISCOVERY_INGEST_CHECK", "2s", "THOTH_DISCOVERY_SOURCES_ARXIV_MIN_INTERVAL", "0ms",
				// A schedule every 10 s is allowed here, so a scheduled run comes at
				// once.
				"THOTH_RESEARCH_QUERY_MIN_INTERVAL", "10s"));
		// The retraction watch on, every few seconds; the PDF monitor's own CrossRef
		// look-ups find nothing here (404).
		environment.putAll(Map.of("THOTH_ONLINE_LOOKUPS", "true", "THOTH_RETRACTION_CHECK_INTERVAL", "3s",
				"THOTH_CROSSREF_URL", url + "/lookups", "THOTH_OPENALEX_URL", url + "/lookups-openalex"));
		// Its OpenAlex title searches for references find nothing, but one: a reference
		// of gadr.pdf, as the PDF monitor's own test replays it.
		sources.stubFor(get(urlPathEqualTo("/lookups-openalex/works")).atPriority(10)
			.willReturn(okJson(Files.readString(OPENALEX_FIXTURES.resolve("works-empty.json")))));
		sources.stubFor(get(urlPathEqualTo("/lookups-openalex/works"))
			.withQueryParam("filter", containing("title.search:Sustainable Architectural Design Decisions,"))
			.willReturn(okJson(Files.readString(OPENALEX_FIXTURES.resolve("works-sustainable-decisions.json")))));
		Launcher.Result up = launcher.run(environment, "up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		key = launcher.apiKey();
	}

	@AfterAll
	static void down() throws Exception {
		if (launcher != null) {
			launcher.run("down");
		}
		if (sources != null) {
			sources.stop();
		}
	}

	@Test
	void aReferenceCompletedOnlineShowsWhereItsFieldsCameFrom() throws Exception {
		// The PDF monitor looks the references up as it ingests; the API shows, for each
		// field a lookup filled, its source and the match's confidence.
		Files.copy(Path.of(System.getProperty("thoth.corpus", "../../shared/corpus")).resolve("pdfs/gadr.pdf"),
				launcher.workspace.resolve("inbox").resolve("gadr.pdf"));
		String paperId = await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> readyPaper("Markdown Architectural Decision Records"), (id) -> id != null);

		JsonNode references = json
			.readTree(send("GET", "/api/v1/papers/" + paperId + "/references?size=100", null).body())
			.get("items");
		JsonNode completed = null;
		for (JsonNode reference : references) {
			if ("Sustainable Architectural Design Decisions".equals(reference.path("title").asString(""))) {
				completed = reference;
			}
		}
		assertThat(completed).as(references.toString()).isNotNull();
		assertThat(completed.get("doi").asString()).isEqualTo("10.5555/thoth-test.zdun-2013");
		assertThat(completed.get("provenance").propertyNames()).containsExactly("doi");
		assertThat(completed.at("/provenance/doi/source").asString()).isEqualTo("openalex");
		assertThat(completed.at("/provenance/doi/confidence").asDouble()).isEqualTo(0.75);
		int parsedOnly = 0;
		for (JsonNode reference : references) {
			if (reference != completed) {
				assertThat(reference.get("provenance").isEmpty()).as(reference.toString()).isTrue();
				parsedOnly++;
			}
		}
		assertThat(parsedOnly).isPositive();
	}

	/** The id of the ready paper whose title has those words, or null while none is. */
	private String readyPaper(String titleWords) throws Exception {
		for (JsonNode paper : json.readTree(send("GET", "/api/v1/papers?size=100", null).body()).get("items")) {
			if (paper.path("title").asString("").contains(titleWords)
					&& "READY".equals(paper.path("status").asString())) {
				return paper.get("id").asString();
			}
		}
		return null;
	}

	@Test
	void aQueryDefinedThroughTheApiRunsOnItsScheduleAndItsPapersReachTheLibrary() throws Exception {
		// Due every 10 seconds (the shortest schedule this suite allows): the first run
		// comes within 10.
		HttpResponse<String> created = send("POST", "/api/v1/research-queries",
				"{\"name\": \"cosmology\", \"keywords\": [\"backreaction\", \"cosmic acceleration\"], "
						+ "\"schedule\": \"*/10 * * * * *\", \"autoDownload\": true, \"minRelevance\": 0.3}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String query = json.readTree(created.body()).get("id").asString();

		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> !json.readTree(send("GET", "/api/v1/research-queries/" + query, null).body())
				.get("lastRunAt")
				.isNull());
		JsonNode runs = json.readTree(send("GET", "/discovery/runs?queryId=" + query, null).body());
		Set<String> dueTimes = new HashSet<>();
		for (JsonNode run : runs.get("items")) {
			assertThat(run.get("trigger").asString()).isEqualTo("schedule");
			// Each run is one of the schedule's times, and no time has two runs.
			Instant due = Instant.parse(run.get("scheduledFor").asString());
			assertThat(due.getEpochSecond() % 10).as(run.toString()).isZero();
			assertThat(dueTimes.add(due.toString())).as(run.toString()).isTrue();
		}
		assertThat(dueTimes).isNotEmpty();
		JsonNode results = json.readTree(send("GET", "/discovery/results?size=100&queryId=" + query, null).body());
		Set<String> found = new HashSet<>();
		for (JsonNode item : results.get("items")) {
			item.get("sources").forEach((source) -> found.add(source.asString()));
			assertThat(item.get("explanation").get("summary").asString()).isNotBlank();
		}
		assertThat(found).containsExactlyInAnyOrder("arxiv", "semantic_scholar", "pubmed", "crossref", "openalex",
				"biorxiv");

		// Auto-download: the PDF monitor ingests what the run downloaded.
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(3))
			.until(() -> json
				.readTree(send("GET", "/discovery/results?status=in_library&queryId=" + query, null).body())
				.path("totalItems")
				.asInt() > 0);
		JsonNode inLibrary = json
			.readTree(send("GET", "/discovery/results?status=in_library&queryId=" + query, null).body())
			.get("items")
			.get(0);
		String paperId = inLibrary.get("paperId").asString();
		JsonNode paper = json.readTree(send("GET", "/api/v1/papers/" + paperId, null).body());
		JsonNode origin = paper.get("discoveryOrigin");
		assertThat(origin.isNull()).as(paper.toString()).isFalse();
		assertThat(origin.get("queryId").asString()).isEqualTo(query);
		assertThat(origin.get("sources")).isNotEmpty();
		assertThat(paper.get("retraction").isNull()).isTrue();

		// The retraction watch: the paper's DOI (corrected to one that CrossRef's
		// replayed notices retract) is flagged on the paper, its note, its search hits
		// and the citations of it in answers.
		HttpResponse<String> corrected = send("PATCH", "/api/v1/papers/" + paperId,
				"{\"doi\": \"10.5555/thoth.retracted.1\"}");
		assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> !json.readTree(send("GET", "/api/v1/papers/" + paperId, null).body())
				.get("retraction")
				.isNull());
		JsonNode retraction = json.readTree(send("GET", "/api/v1/papers/" + paperId, null).body()).get("retraction");
		assertThat(retraction.get("type").asString()).isEqualTo("retraction");
		assertThat(retraction.get("noticeDoi").asString()).isEqualTo("10.5555/thoth.retraction.1");
		assertThat(retraction.get("date").asString()).isEqualTo("2024-02-12");
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(send("GET", "/api/v1/papers/" + paperId + "/note", null).body())
				.contains("notice: \"retraction\"", "> [!warning] Retracted"));
		JsonNode hits = json
			.readTree(send("GET",
					"/api/v1/search?mode=lexical&q=deceleration+parameter+luminosity+distance&paperId=" + paperId, null)
				.body())
			.get("hits");
		assertThat(hits).isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.get("retraction").get("noticeDoi").asString())
				.isEqualTo("10.5555/thoth.retraction.1"));
		JsonNode answer = json.readTree(send("POST", "/api/v1/ask",
				"{\"question\": \"How is the volume deceleration parameter related to the luminosity distance?\", "
						+ "\"paperIds\": [\"" + paperId + "\"]}")
			.body());
		assertThat(answer.get("citations")).as(answer.toString())
			.isNotEmpty()
			.allSatisfy((citation) -> assertThat(citation.get("retraction").get("type").asString())
				.isEqualTo("retraction"));
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + launcher.ports.get("gateway") + path))
			.header("X-API-Key", key)
			.timeout(Duration.ofSeconds(60));
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
