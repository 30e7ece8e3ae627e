package dev.thoth.discovery.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.JobDetails;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.ResearchQueryView;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server standing in for the world outside the discovery service: the six
 * paper sources (each under its own path, answering with the saved fixtures whose PDF
 * links point back here) and, for module tests only, the API's research queries, library,
 * uploads and jobs in the shapes of the typed clients' records. The real API against a
 * real discovery service is system-tests' DiscoveryIT.
 */
public final class ApiStandIn implements AutoCloseable {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public final WireMockServer server = new WireMockServer(options().dynamicPort());

	public ApiStandIn() {
		this.server.start();
		// The API's health check, which scheduled work waits for.
		this.server.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"UP\"}")));
	}

	public String url() {
		return this.server.baseUrl();
	}

	/** Points every source, the API and the downloads at this server. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("THOTH_API_URL", this::url);
		registry.add("THOTH_DISCOVERY_SOURCES_ARXIV_BASE_URL", () -> url() + "/arxiv");
		registry.add("THOTH_DISCOVERY_SOURCES_SEMANTIC_SCHOLAR_BASE_URL", () -> url() + "/s2");
		registry.add("THOTH_DISCOVERY_SOURCES_PUBMED_BASE_URL", () -> url() + "/pubmed");
		registry.add("THOTH_DISCOVERY_SOURCES_CROSSREF_BASE_URL", () -> url() + "/crossref");
		registry.add("THOTH_DISCOVERY_SOURCES_OPENALEX_BASE_URL", () -> url() + "/openalex");
		registry.add("THOTH_DISCOVERY_SOURCES_BIORXIV_BASE_URL", () -> url() + "/biorxiv");
		registry.add("THOTH_DISCOVERY_SOURCES_BIORXIV_CONTENT_URL", () -> url() + "/biorxiv-content");
		registry.add("THOTH_DISCOVERY_SOURCES_MEDRXIV_CONTENT_URL", () -> url() + "/medrxiv-content");
		for (String source : List.of("ARXIV", "SEMANTIC_SCHOLAR", "PUBMED", "CROSSREF", "OPENALEX", "BIORXIV")) {
			registry.add("THOTH_DISCOVERY_SOURCES_" + source + "_MIN_INTERVAL", () -> "0ms");
		}
		registry.add("THOTH_DISCOVERY_SOURCES_PUBMED_MIN_INTERVAL_WITH_KEY", () -> "0ms");
		registry.add("THOTH_DISCOVERY_DOWNLOAD_ALLOW_PRIVATE_ADDRESSES", () -> "true");
		registry.add("THOTH_DISCOVERY_DOWNLOAD_SCHEMES", () -> "http,https");
		registry.add("THOTH_DISCOVERY_SOURCES_READ_TIMEOUT", () -> "5s");
	}

	/**
	 * Every source answers with its saved fixtures; the PDFs they link to are served
	 * here.
	 */
	public void sources() {
		String local = url();
		stub("/arxiv/api/query", "arxiv/page-1.xml", "start", "0",
				(body) -> body.replace("http://arxiv.org/pdf/", local + "/pdf/arxiv/"));
		stub("/arxiv/api/query", "arxiv/page-2.xml", "start", "2",
				(body) -> body.replace("http://arxiv.org/pdf/", local + "/pdf/arxiv/"));
		this.server.stubFor(get(urlPathEqualTo("/s2/graph/v1/paper/search"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(fixture("semantic-scholar/search-1.json").replace("\"next\": 2,", "")
					.replace("https://arxiv.org/pdf/", local + "/pdf/arxiv/"))));
		this.server.stubFor(post(urlPathEqualTo("/s2/recommendations/v1/papers"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(fixture("semantic-scholar/recommendations.json").replace("https://arxiv.org/pdf/",
						local + "/pdf/arxiv/"))));
		this.server.stubFor(get(urlPathEqualTo("/pubmed/entrez/eutils/esearch.fcgi"))
			.willReturn(aResponse().withBody(fixture("pubmed/esearch.json"))));
		this.server.stubFor(get(urlPathEqualTo("/pubmed/entrez/eutils/efetch.fcgi"))
			.willReturn(aResponse().withBody(fixture("pubmed/efetch.xml"))));
		this.server.stubFor(get(urlPathEqualTo("/crossref/works")).withQueryParam("cursor", equalTo("*"))
			.willReturn(aResponse().withBody(fixture("crossref/works-1.json"))));
		this.server.stubFor(get(urlPathEqualTo("/crossref/works"))
			.withQueryParam("cursor", equalTo("DnF1ZXJ5VGhlbkZldGNoBgAAAAAABn2YFmZ4TE1GY3dFUXBPR0NhZHpuTFpDQ2c="))
			.willReturn(aResponse().withBody(fixture("crossref/works-2.json"))));
		this.server.stubFor(get(urlPathEqualTo("/crossref/works"))
			.withQueryParam("cursor", equalTo("DnF1ZXJ5VGhlbkZldGNoBgAAAAAABn2ZFmZ4TE1GY3dFUXBPR0NhZHpuTFpDQ2c="))
			.willReturn(aResponse().withBody(fixture("crossref/works-last.json"))));
		this.server.stubFor(get(urlPathEqualTo("/openalex/works")).withQueryParam("cursor", equalTo("*"))
			.willReturn(aResponse()
				.withBody(fixture("openalex/works-1.json").replace("https://arxiv.org/pdf/", local + "/pdf/arxiv/"))));
		this.server.stubFor(get(urlPathEqualTo("/openalex/works"))
			.withQueryParam("cursor",
					equalTo("IlsxMjAwMDAwMDAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzIwOTE3MzQ1NTEnXSI="))
			.willReturn(aResponse().withBody(fixture("openalex/works-last.json"))));
		this.server.stubFor(get(urlPathMatching("/biorxiv/details/biorxiv/.*/0/json"))
			.willReturn(aResponse().withBody(fixture("biorxiv/biorxiv-0.json"))));
		this.server.stubFor(get(urlPathMatching("/biorxiv/details/biorxiv/.*/3/json"))
			.willReturn(aResponse().withBody(fixture("biorxiv/biorxiv-3.json"))));
		this.server.stubFor(get(urlPathMatching("/biorxiv/details/medrxiv/.*"))
			.willReturn(aResponse().withBody(fixture("biorxiv/empty.json"))));
		byte[] pdf = corpusPdf("0807.3577.pdf");
		this.server.stubFor(get(urlPathMatching("/pdf/arxiv/.*"))
			.willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(pdf)));
		this.server.stubFor(get(urlPathMatching("/biorxiv-content/.*"))
			.willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(pdf)));
	}

	/** Every source answers that it has nothing. */
	public void emptySources() {
		this.server.stubFor(
				get(urlPathEqualTo("/arxiv/api/query")).willReturn(aResponse().withBody(fixture("arxiv/empty.xml"))));
		this.server.stubFor(get(urlPathEqualTo("/s2/graph/v1/paper/search"))
			.willReturn(aResponse().withBody(fixture("semantic-scholar/empty.json"))));
		this.server.stubFor(get(urlPathEqualTo("/pubmed/entrez/eutils/esearch.fcgi"))
			.willReturn(aResponse().withBody(fixture("pubmed/esearch-empty.json"))));
		this.server.stubFor(get(urlPathEqualTo("/crossref/works"))
			.willReturn(aResponse().withBody(fixture("crossref/works-last.json"))));
		this.server.stubFor(get(urlPathEqualTo("/openalex/works"))
			.willReturn(aResponse().withBody(fixture("openalex/works-last.json"))));
		this.server.stubFor(get(urlPathMatching("/biorxiv/details/.*"))
			.willReturn(aResponse().withBody(fixture("biorxiv/empty.json"))));
	}

	/** The API holds these queries (enabled ones listed) and records their runs. */
	public void queries(ResearchQueryView... queries) {
		List<ResearchQueryView> all = List.of(queries);
		for (ResearchQueryView query : all) {
			this.server
				.stubFor(get(urlPathEqualTo("/api/v1/research-queries/" + query.id())).willReturn(json(200, query)));
			this.server.stubFor(put(urlPathEqualTo("/api/v1/research-queries/" + query.id() + "/last-run"))
				.willReturn(json(200, query)));
		}
		List<ResearchQueryView> enabled = all.stream().filter(ResearchQueryView::enabled).toList();
		this.server.stubFor(get(urlPathEqualTo("/api/v1/research-queries")).withQueryParam("enabled", equalTo("true"))
			.willReturn(json(200, new PageResponse<>(enabled, 0, 100, enabled.size(), 1))));
		this.server.stubFor(get(urlPathEqualTo("/api/v1/research-queries"))
			.withQueryParam("enabled", com.github.tomakehurst.wiremock.client.WireMock.absent())
			.willReturn(json(200, new PageResponse<>(all, 0, 100, all.size(), 1))));
	}

	/** The library holds these papers. */
	public void library(PaperSummary... papers) {
		this.server.stubFor(get(urlPathEqualTo("/api/v1/papers")).willReturn(
				json(200, new PageResponse<>(List.of(papers), 0, 100, papers.length, (papers.length > 0) ? 1 : 0))));
	}

	/** Uploads are taken as this job, which ends with this paper. */
	public void uploadsBecome(UUID jobId, UUID paperId) {
		this.server.stubFor(post(urlPathEqualTo("/api/v1/papers")).willReturn(
				json(202, new JobAccepted(jobId, "QUEUED", "0".repeat(64), null, JobAccepted.Links.of(jobId)))));
		this.server
			.stubFor(get(urlPathEqualTo("/api/v1/jobs/" + jobId)).willReturn(json(200, new JobDetails(jobId, "DONE", 1,
					null, paperId, "paper.pdf", "0".repeat(64), null, Instant.now(), Instant.now(), List.of(), null))));
	}

	public static ResearchQueryView query(String name, List<String> keywords, String schedule, boolean autoDownload,
			double minRelevance, Instant createdAt) {
		return new ResearchQueryView(UUID.randomUUID(), name, keywords, List.of(), List.of(), List.of(), null, 50,
				schedule, true, null, createdAt, createdAt, minRelevance, autoDownload, null, null, null);
	}

	public static PaperSummary libraryPaper(String title, String author, int year, String doi) {
		return new PaperSummary(UUID.randomUUID(), title, List.of(new AuthorName(author)), year, doi, "READY", null,
				null, null);
	}

	private void stub(String path, String fixture, String param, String value,
			java.util.function.UnaryOperator<String> edit) {
		this.server.stubFor(get(urlPathEqualTo(path)).withQueryParam(param, equalTo(value))
			.willReturn(aResponse().withHeader("Content-Type", "application/atom+xml")
				.withBody(edit.apply(fixture(fixture)))));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, Object body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(JSON.writeValueAsString(body));
	}

	public static String fixture(String path) {
		try (InputStream in = ApiStandIn.class.getResourceAsStream("/sources/" + path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] corpusPdf(String name) {
		try {
			return Files.readAllBytes(
					Path.of(System.getProperty("thoth.corpus", "../../shared/corpus")).resolve("pdfs").resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
