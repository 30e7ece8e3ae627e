package dev.thoth.pdfmonitor.lookup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.pdfmonitor.Ingested;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.thoth.pdfmonitor.lookup.ReferenceLookupTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline with online lookups on, against real PostgreSQL and WireMock
 * replaying CrossRef and OpenAlex: a paper's references are stored with what the lookups
 * filled, each such field with its source, and the rest as parsed.
 */
@SpringBootTest(
		properties = { "thoth.pdf-monitor.workers=1", "thoth.pdf-monitor.scan-interval=300ms",
				"thoth.pdf-monitor.stable-for=200ms", "thoth.pdf-monitor.lookup.read-timeout=2s" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
// Closed afterwards: its workers would otherwise poll a deleted workspace for the rest of
// the run.
@DirtiesContext
class ReferenceLookupIngestTests {

	static final WireMockServer crossref = new WireMockServer(options().dynamicPort());

	static final WireMockServer openAlex = new WireMockServer(options().dynamicPort());

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static {
		crossref.start();
		openAlex.start();
	}

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
		registry.add("THOTH_ONLINE_LOOKUPS", () -> "true");
		registry.add("THOTH_CROSSREF_URL", crossref::baseUrl);
		registry.add("THOTH_CROSSREF_MAILTO", () -> "library@thoth.test");
		registry.add("THOTH_OPENALEX_URL", openAlex::baseUrl);
		registry.add("OPENALEX_API_KEY", () -> "oa-test-key");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	@AfterAll
	static void stop() {
		crossref.stop();
		openAlex.stop();
	}

	@Test
	void storedReferencesCarryTheFieldsTheLookupsFilledWithTheirSource() throws Exception {
		// CrossRef knows nothing of the paper itself; OpenAlex knows two of its
		// references, one of them in two editions.
		crossref.stubFor(get(anyUrl()).willReturn(json("crossref/works-empty.json")));
		openAlex.stubFor(get(anyUrl()).atPriority(10).willReturn(json("openalex/works-empty.json")));
		openAlex.stubFor(get(urlPathEqualTo("/works"))
			.withQueryParam("filter", containing("title.search:Sustainable Architectural Design Decisions,"))
			.willReturn(json("openalex/works-sustainable-decisions.json")));
		openAlex.stubFor(get(urlPathEqualTo("/works"))
			.withQueryParam("filter", containing("title.search:Decisions required vs decisions made,"))
			.willReturn(json("openalex/works-decisions-two-editions.json")));
		double found = lookups("found");
		double ambiguous = lookups("ambiguous");

		UUID paper = Ingested.ready(this.jdbc, workspace, "gadr.pdf");

		List<Stored> stored = stored(paper);
		assertThat(stored).hasSize(6);
		Stored zdun = stored.get(3);
		assertThat(zdun.reference().getTitle()).isEqualTo("Sustainable Architectural Design Decisions");
		assertThat(zdun.reference().getDoi()).isEqualTo("10.5555/thoth-test.zdun-2013");
		// Printed already, and a title match corrects nothing.
		assertThat(zdun.reference().getVenue()).isEqualTo("IEEE Software");
		assertThat(zdun.reference().getAuthors()).containsExactly("Zdun, U.", "Capilla, R.", "Tran, H.",
				"Zimmermann, O.");
		assertThat(zdun.sources()).isEqualTo(Map.of("doi", new FieldSource("openalex", 0.75)));
		// Two editions as good: no DOI rather than a wrong one.
		Stored decisions = stored.get(5);
		assertThat(decisions.reference().getTitle()).isEqualTo("Decisions required vs. decisions made");
		assertThat(decisions.reference().getDoi()).isNull();
		assertThat(decisions.sources()).isEmpty();
		for (int i : new int[] { 0, 1, 2, 4 }) {
			assertThat(stored.get(i).reference().getDoi()).isNull();
			assertThat(stored.get(i).sources()).isEmpty();
		}
		// Each reference prints a title and a year: each was searched once, by title.
		openAlex.verify(6, getRequestedFor(urlPathEqualTo("/works")));
		// CrossRef was asked about the paper only.
		crossref.verify(1, anyRequestedFor(anyUrl()));
		assertThat(lookups("found") - found).isEqualTo(1);
		assertThat(lookups("ambiguous") - ambiguous).isEqualTo(1);
	}

	/** A stored reference and, read in its transaction, its field sources. */
	record Stored(PaperReference reference, Map<String, FieldSource> sources) {

	}

	private List<Stored> stored(UUID paper) {
		return this.transactions
			.execute((status) -> this.references.findByPaperIdOrderByPosition(paper, Pageable.unpaged())
				.stream()
				.map((reference) -> new Stored(reference, reference.getFieldSources()))
				.toList());
	}

	private double lookups(String outcome) {
		return this.meters.counter("thoth.pdf.reference.lookups", "source", "openalex", "outcome", outcome).count();
	}

}
