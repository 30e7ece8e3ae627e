package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenAlex's works, replayed; and OpenAlex without its key. */
class OpenAlexSourceTests extends ReplayedSource {

	@Test
	void followsNextCursorAndRebuildsTheAbstractFromItsInvertedIndex() throws Exception {
		replay.server.stubFor(get(urlPathEqualTo("/works")).withQueryParam("cursor", equalTo("*"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("openalex/works-1.json"))));
		replay.server.stubFor(get(urlPathEqualTo("/works"))
			.withQueryParam("cursor",
					equalTo("IlsxMjAwMDAwMDAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzIwOTE3MzQ1NTEnXSI="))
			.willReturn(aResponse().withBody(Replay.fixture("openalex/works-last.json"))));
		OpenAlexSource openalex = new OpenAlexSource(replay.calls("openalex"), "oa-key", "lab@example.org");
		assertThat(openalex.notConfigured()).isEmpty();

		List<Candidate> found = openalex.search(new SearchRequest(List.of("cosmic acceleration"), null, null,
				LocalDate.of(2007, 1, 1), LocalDate.of(2009, 12, 31), null, 150, null, null), new SourceTally());

		assertThat(found).hasSize(2);
		Candidate first = found.get(0);
		assertThat(first.ids().openAlexId()).isEqualTo("W2091734551");
		assertThat(first.ids().doi()).isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(first.ids().arxivId()).isEqualTo("0807.3577");
		assertThat(first.abstractText())
			.isEqualTo("We show that an apparent acceleration can coexist with averaged deceleration.");
		assertThat(first.pdfUrl()).isEqualTo("https://arxiv.org/pdf/0807.3577");
		assertThat(first.venue()).isEqualTo("Journal of Cosmology and Astroparticle Physics");
		assertThat(first.categories()).containsExactly("Cosmology and Gravitation Theories");
		assertThat(found.get(1).abstractText()).isNull();
		assertThat(found.get(1).categories()).containsExactly("Astrophysics");
		replay.server.verify(getRequestedFor(urlPathEqualTo("/works")).withQueryParam("api_key", equalTo("oa-key"))
			.withQueryParam("filter", equalTo("from_publication_date:2007-01-01,to_publication_date:2009-12-31"))
			.withQueryParam("per_page", equalTo("100"))
			.withQueryParam("mailto", equalTo("lab@example.org")));
	}

	@Test
	void withoutAKeyItIsNotConfiguredAndNeverCalled() {
		OpenAlexSource openalex = new OpenAlexSource(replay.calls("openalex"), " ", null);
		assertThat(openalex.notConfigured()).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("OPENALEX_API_KEY").contains("openalex_api_key"));
		assertThatThrownBy(() -> openalex
			.search(new SearchRequest(List.of("x"), null, null, null, null, null, 5, null, null), new SourceTally()))
			.isInstanceOf(SourceException.class);
		replay.server.verify(0, getRequestedFor(anyUrl()));
	}

	@Test
	void anAnswerWithoutResultsIsMalformed() {
		OpenAlexSource openalex = new OpenAlexSource(replay.calls("openalex"), "oa-key", null);
		replay.server.stubFor(get(urlPathEqualTo("/works"))
			.willReturn(aResponse().withBody("{\"error\": \"Invalid query parameters error.\"}")));
		assertThatThrownBy(() -> openalex
			.search(new SearchRequest(List.of("x"), null, null, null, null, null, 5, null, null), new SourceTally()))
			.isInstanceOf(SourceException.class)
			.hasMessageContaining("results");
	}

}
