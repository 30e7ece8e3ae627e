package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** arXiv's Atom API, replayed. */
class ArxivSourceTests extends ReplayedSource {

	final ArxivSource arxiv = new ArxivSource(replay.calls("arxiv"));

	static final SearchRequest QUERY = new SearchRequest(List.of("backreaction", "cosmic acceleration"), List.of(),
			List.of(), null, null, null, 100, null, null);

	@Test
	void pagesThroughTheFeedAndMapsEveryField() throws Exception {
		replay.server.stubFor(get(urlPathEqualTo("/api/query")).withQueryParam("start", equalTo("0"))
			.willReturn(aResponse().withHeader("Content-Type", "application/atom+xml")
				.withBody(Replay.fixture("arxiv/page-1.xml"))));
		replay.server.stubFor(get(urlPathEqualTo("/api/query")).withQueryParam("start", equalTo("2"))
			.willReturn(aResponse().withHeader("Content-Type", "application/atom+xml")
				.withBody(Replay.fixture("arxiv/page-2.xml"))));

		List<Candidate> found = this.arxiv.search(QUERY, new SourceTally());

		assertThat(found).extracting((c) -> c.ids().arxivId())
			.containsExactly("0807.3577", "0707.2153", "astro-ph/0311257");
		Candidate first = found.get(0);
		assertThat(first.title()).isEqualTo("Apparent and average accelerations of the Universe");
		assertThat(first.authors()).containsExactly("Krzysztof Bolejko", "Lars Andersson");
		assertThat(first.ids().doi()).isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(first.published()).isEqualTo(LocalDate.of(2008, 7, 22));
		assertThat(first.venue()).isEqualTo("JCAP 0810:003,2008");
		assertThat(first.categories()).containsExactly("astro-ph", "gr-qc");
		assertThat(first.pdfUrl()).isEqualTo("https://arxiv.org/pdf/0807.3577v1");
		assertThat(first.abstractText()).startsWith("In this paper we consider").doesNotContain("\n");
		replay.server.verify(getRequestedFor(urlPathEqualTo("/api/query"))
			.withQueryParam("search_query", equalTo("(all:backreaction OR all:\"cosmic acceleration\")"))
			.withQueryParam("sortBy", equalTo("submittedDate"))
			.withQueryParam("max_results", equalTo("100")));
		replay.server.verify(getRequestedFor(urlPathEqualTo("/api/query")).withQueryParam("start", equalTo("2"))
			.withQueryParam("max_results", equalTo("98")));
	}

	@Test
	void theWindowAndCategoriesAndAuthorsJoinTheQuery() {
		SearchRequest request = new SearchRequest(List.of("backreaction"), List.of("gr-qc", "astro-ph.CO"),
				List.of("Thomas Buchert"), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31), null, 10, null, null);
		assertThat(ArxivSource.searchQuery(request)).isEqualTo("all:backreaction AND (cat:gr-qc OR cat:astro-ph.CO) "
				+ "AND au:\"Thomas Buchert\" AND submittedDate:[202401010000 TO 202401312359]");
	}

	@Test
	void anEmptyFeedIsNoPapers() throws Exception {
		replay.server.stubFor(
				get(urlPathEqualTo("/api/query")).willReturn(aResponse().withBody(Replay.fixture("arxiv/empty.xml"))));
		assertThat(this.arxiv.search(QUERY, new SourceTally())).isEmpty();
	}

	@Test
	void anErrorEntryAndMalformedAnswersAreReportedNotMistakenForPapers() {
		replay.server.stubFor(
				get(urlPathEqualTo("/api/query")).willReturn(aResponse().withBody(Replay.fixture("arxiv/error.xml"))));
		assertThatThrownBy(() -> this.arxiv.search(QUERY, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("max_results must be non-negative");

		replay.server.stubFor(get(urlPathEqualTo("/api/query"))
			.willReturn(aResponse().withBody("<html><body>Service temporarily unavailable</body></html>")));
		assertThatThrownBy(() -> this.arxiv.search(QUERY, new SourceTally())).isInstanceOf(SourceException.class)
			.satisfies((ex) -> assertThat(((SourceException) ex).reason()).isEqualTo("malformed"));

		replay.server.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withBody("<feed")));
		assertThatThrownBy(() -> this.arxiv.search(QUERY, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("cannot be read");
	}

	@Test
	void anExternalEntityIsNeverLoaded() {
		replay.server.stubFor(get(urlPathEqualTo("/secret")).willReturn(aResponse().withBody("leaked")));
		String hostile = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"" + replay.url()
				+ "/secret\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/2401.00001v1"
				+ "</id><title>&x;</title></entry></feed>";
		replay.server.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withBody(hostile)));
		try {
			List<Candidate> found = this.arxiv.search(QUERY, new SourceTally());
			assertThat(found).allSatisfy((c) -> assertThat(c.title()).doesNotContain("leaked"));
		}
		catch (SourceException ex) {
			assertThat(ex.reason()).isEqualTo("malformed");
		}
		replay.server.verify(0, getRequestedFor(urlPathEqualTo("/secret")));
	}

	@Test
	void aSearchQueryIsSentAsOneEncodedParameter() throws Exception {
		replay.server.stubFor(
				get(urlPathEqualTo("/api/query")).willReturn(aResponse().withBody(Replay.fixture("arxiv/empty.xml"))));
		this.arxiv.search(
				new SearchRequest(List.of("a&b=c \"quoted\" (x)"), null, null, null, null, null, 5, null, null),
				new SourceTally());
		replay.server.verify(getRequestedFor(urlPathEqualTo("/api/query")).withQueryParam("search_query",
				containing("all:\"a&b=c  quoted   x\"")));
	}

}
