package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Semantic Scholar's Graph API search and recommendations, replayed. */
class SemanticScholarSourceTests extends ReplayedSource {

	static final String SEARCH = "/graph/v1/paper/search";

	@Test
	void pagesWithOffsetAndNextSendsTheKeyAndMapsEveryField() throws Exception {
		replay.server.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("offset", equalTo("0"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("semantic-scholar/search-1.json"))));
		replay.server.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("offset", equalTo("2"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("semantic-scholar/search-2.json"))));
		SemanticScholarSource source = new SemanticScholarSource(replay.calls("semantic_scholar"), "s2-key");

		List<Candidate> found = source.search(new SearchRequest(List.of("backreaction"), null, null,
				LocalDate.of(2005, 1, 1), null, null, 50, null, null), new SourceTally());

		assertThat(found).extracting(Candidate::title)
			.containsExactly("Apparent and average accelerations of the Universe",
					"Cosmic clocks, cosmic variance and cosmic averages",
					"Dark energy from structure: a status report");
		Candidate first = found.get(0);
		assertThat(first.ids().arxivId()).isEqualTo("0807.3577");
		assertThat(first.ids().doi()).isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(first.ids().semanticScholarId()).isEqualTo("6a2b1c1f7d3e4a5b9c8d7e6f5a4b3c2d1e0f9a8b");
		assertThat(first.authors()).containsExactly("K. Bolejko", "L. Andersson");
		assertThat(first.citationCount()).isEqualTo(48);
		assertThat(first.pdfUrl()).isEqualTo("https://arxiv.org/pdf/0807.3577");
		// An empty openAccessPdf URL is no PDF; a null abstract is none.
		assertThat(found.get(1).pdfUrl()).isNull();
		assertThat(found.get(2).abstractText()).isNull();
		replay.server.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withHeader("x-api-key", equalTo("s2-key"))
			.withQueryParam("query", equalTo("backreaction"))
			.withQueryParam("publicationDateOrYear", equalTo("2005-01-01:"))
			.withQueryParam("fields", equalTo(SemanticScholarSource.FIELDS)));
	}

	@Test
	void acceptedAndRejectedPapersSeedRecommendationsWithoutAKeyToo() throws Exception {
		replay.server.stubFor(post(urlPathEqualTo("/recommendations/v1/papers"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("semantic-scholar/recommendations.json"))));
		replay.server.stubFor(get(urlPathEqualTo(SEARCH))
			.willReturn(aResponse().withBody(Replay.fixture("semantic-scholar/empty.json"))));
		SemanticScholarSource source = new SemanticScholarSource(replay.calls("semantic_scholar"), "");

		List<Candidate> found = source.search(
				new SearchRequest(List.of("backreaction"), null, null, null, null, null, 20,
						List.of("6a2b1c1f7d3e4a5b9c8d7e6f5a4b3c2d1e0f9a8b"), List.of("0f9e8d7c6b5a")),
				new SourceTally());

		assertThat(found).extracting(Candidate::title).containsExactly("On cosmic acceleration without dark energy");
		assertThat(found.get(0).ids().arxivId()).isEqualTo("astro-ph/0506534");
		replay.server
			.verify(postRequestedFor(urlPathEqualTo("/recommendations/v1/papers")).withHeader("x-api-key", absent())
				.withRequestBody(equalToJson("{\"positivePaperIds\": [\"6a2b1c1f7d3e4a5b9c8d7e6f5a4b3c2d1e0f9a8b\"], "
						+ "\"negativePaperIds\": [\"0f9e8d7c6b5a\"]}")));
	}

	@Test
	void noResultsAndMalformedAnswers() throws Exception {
		SemanticScholarSource source = new SemanticScholarSource(replay.calls("semantic_scholar"), null);
		SearchRequest request = new SearchRequest(List.of("xyzzyplugh"), null, null, null, null, null, 10, null, null);
		replay.server.stubFor(get(urlPathEqualTo(SEARCH))
			.willReturn(aResponse().withBody(Replay.fixture("semantic-scholar/empty.json"))));
		assertThat(source.search(request, new SourceTally())).isEmpty();

		replay.server.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withBody("{\"data\": [")));
		assertThatThrownBy(() -> source.search(request, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("cannot be read");
		replay.server.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withBody("[1, 2]")));
		assertThatThrownBy(() -> source.search(request, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("other than a JSON object");
	}

}
