package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PubMed's E-utilities, replayed: esearch JSON, then efetch XML. */
class PubmedSourceTests extends ReplayedSource {

	static final String ESEARCH = "/entrez/eutils/esearch.fcgi";

	static final String EFETCH = "/entrez/eutils/efetch.fcgi";

	@Test
	void searchesThenFetchesStructuredAbstractsAuthorsDoisAndRetractions() throws Exception {
		replay.server
			.stubFor(get(urlPathEqualTo(ESEARCH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("pubmed/esearch.json"))));
		replay.server.stubFor(get(urlPathEqualTo(EFETCH)).willReturn(
				aResponse().withHeader("Content-Type", "text/xml").withBody(Replay.fixture("pubmed/efetch.xml"))));
		PubmedSource pubmed = new PubmedSource(replay.calls("pubmed"), "ncbi-key", "lab@example.org");

		List<Candidate> found = pubmed.search(new SearchRequest(List.of("backreaction", "cosmic acceleration"), null,
				List.of("Claire Moreau"), LocalDate.of(2023, 1, 1), LocalDate.of(2024, 6, 1), null, 20, null, null),
				new SourceTally());

		// The retraction notice is not a paper.
		assertThat(found).extracting((c) -> c.ids().pmid()).containsExactly("99000003", "99000002");
		Candidate paper = found.get(0);
		assertThat(paper.title()).isEqualTo("Mechanical backreaction of tissue growth on morphogen gradients.");
		assertThat(paper.abstractText()).isEqualTo("BACKGROUND: Growing tissues deform the gradients that pattern "
				+ "them. METHODS: We measured the backreaction of growth on a morphogen gradient in imaginal discs. "
				+ "RESULTS: Growth flattens the gradient by a third.");
		assertThat(paper.authors()).containsExactly("Claire Moreau", "Chidi Okafor", "Tissue Mechanics Consortium");
		assertThat(paper.ids().doi()).isEqualTo("10.7554/elife.99000003");
		assertThat(paper.published()).isEqualTo(LocalDate.of(2024, 5, 14));
		assertThat(paper.venue()).isEqualTo("eLife");
		assertThat(paper.retracted()).isFalse();
		Candidate retracted = found.get(1);
		assertThat(retracted.retracted()).isTrue();
		assertThat(retracted.year()).isEqualTo(2023);
		assertThat(retracted.ids().doi()).isEqualTo("10.1016/j.jtbi.2023.99000002");
		replay.server.verify(getRequestedFor(urlPathEqualTo(ESEARCH)).withQueryParam("tool", equalTo("thoth"))
			.withQueryParam("email", equalTo("lab@example.org"))
			.withQueryParam("api_key", equalTo("ncbi-key"))
			.withQueryParam("datetype", equalTo("pdat"))
			.withQueryParam("mindate", equalTo("2023/01/01"))
			.withQueryParam("maxdate", equalTo("2024/06/01"))
			.withQueryParam("term",
					equalTo("(\"backreaction\"[Title/Abstract] OR \"cosmic acceleration\"[Title/Abstract]) "
							+ "AND (\"Claire Moreau\"[Author])")));
		replay.server.verify(
				getRequestedFor(urlPathEqualTo(EFETCH)).withQueryParam("id", equalTo("99000003,99000002,99000001")));
	}

	@Test
	void noIdsMeanNoFetchAndErrorsAreReported() throws Exception {
		PubmedSource pubmed = new PubmedSource(replay.calls("pubmed"), null, "");
		SearchRequest request = new SearchRequest(List.of("xyzzyplugh"), null, null, null, null, null, 20, null, null);
		replay.server.stubFor(get(urlPathEqualTo(ESEARCH))
			.willReturn(aResponse().withBody(Replay.fixture("pubmed/esearch-empty.json"))));
		assertThat(pubmed.search(request, new SourceTally())).isEmpty();
		replay.server.verify(0, getRequestedFor(urlPathEqualTo(EFETCH)));

		replay.server.stubFor(get(urlPathEqualTo(ESEARCH))
			.willReturn(aResponse().withBody("{\"esearchresult\": {\"ERROR\": \"Invalid query\"}}")));
		assertThatThrownBy(() -> pubmed.search(request, new SourceTally())).hasMessageContaining("Invalid query");

		replay.server.stubFor(
				get(urlPathEqualTo(ESEARCH)).willReturn(aResponse().withBody(Replay.fixture("pubmed/esearch.json"))));
		replay.server.stubFor(get(urlPathEqualTo(EFETCH)).willReturn(
				aResponse().withBody("<eFetchResult><ERROR>" + "Unable to obtain query #1</ERROR></eFetchResult>")));
		assertThatThrownBy(() -> pubmed.search(request, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("PubmedArticleSet");
	}

}
