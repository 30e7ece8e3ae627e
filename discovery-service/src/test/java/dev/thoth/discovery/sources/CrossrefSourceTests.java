package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CrossRef's works, replayed: cursor paging, JATS, preprint relations, retraction
 * notices.
 */
class CrossrefSourceTests extends ReplayedSource {

	@Test
	void followsTheCursorTurnsJatsIntoTextAndKeepsPreprintAndRetractionLinks() throws Exception {
		replay.server.stubFor(get(urlPathEqualTo("/works")).withQueryParam("cursor", equalTo("*"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("crossref/works-1.json"))));
		replay.server.stubFor(get(urlPathEqualTo("/works"))
			.withQueryParam("cursor", equalTo("DnF1ZXJ5VGhlbkZldGNoBgAAAAAABn2YFmZ4TE1GY3dFUXBPR0NhZHpuTFpDQ2c="))
			.willReturn(aResponse().withBody(Replay.fixture("crossref/works-2.json"))));
		replay.server.stubFor(get(urlPathEqualTo("/works"))
			.withQueryParam("cursor", equalTo("DnF1ZXJ5VGhlbkZldGNoBgAAAAAABn2ZFmZ4TE1GY3dFUXBPR0NhZHpuTFpDQ2c="))
			.willReturn(aResponse().withBody(Replay.fixture("crossref/works-last.json"))));
		CrossrefSource crossref = new CrossrefSource(replay.calls("crossref"), "lab@example.org");

		List<Candidate> found = crossref.search(new SearchRequest(List.of("backreaction"), null, null,
				LocalDate.of(2008, 1, 1), null, null, 50, null, null), new SourceTally());

		assertThat(found).hasSize(3);
		Candidate article = found.get(0);
		assertThat(article.ids().doi()).isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(article.abstractText()).isEqualTo("In this paper we consider the relation between the volume "
				+ "deceleration parameter obtained within the Buchert averaging scheme and the deceleration parameter "
				+ "derived from the luminosity distance–redshift relation. We show that an apparent acceleration can "
				+ "coexist with an averaged deceleration.");
		assertThat(article.published()).isEqualTo(LocalDate.of(2008, 10, 2));
		assertThat(article.venue()).isEqualTo("Journal of Cosmology and Astroparticle Physics");
		assertThat(article.authors()).containsExactly("Krzysztof Bolejko", "Lars Andersson");
		assertThat(article.citationCount()).isEqualTo(51);
		Candidate preprint = found.get(1);
		assertThat(preprint.ids().doi()).isEqualTo("10.7554/elife.99000003");
		assertThat(preprint.ids().preprintDoi()).isEqualTo("10.1101/2024.05.02.000002");
		assertThat(preprint.venue()).isEqualTo("bioRxiv");
		assertThat(preprint.abstractText()).startsWith("Growing tissues");
		Candidate notice = found.get(2);
		assertThat(notice.title()).isNull();
		assertThat(notice.retracted()).isTrue();
		assertThat(notice.ids().doi()).isEqualTo("10.1016/j.jtbi.2023.99000002");
		replay.server
			.verify(getRequestedFor(urlPathEqualTo("/works")).withQueryParam("mailto", equalTo("lab@example.org"))
				.withQueryParam("filter", equalTo("from-pub-date:2008-01-01"))
				.withQueryParam("query", equalTo("backreaction"))
				.withQueryParam("query.author", absent()));
	}

	@Test
	void noItemsEndTheCursorAndAnAnswerWithoutStatusIsMalformed() throws Exception {
		CrossrefSource crossref = new CrossrefSource(replay.calls("crossref"), null);
		SearchRequest request = new SearchRequest(List.of("xyzzyplugh"), null, null, null, null, null, 10, null, null);
		replay.server.stubFor(get(urlPathEqualTo("/works"))
			.willReturn(aResponse().withBody(Replay.fixture("crossref/works-last.json"))));
		assertThat(crossref.search(request, new SourceTally())).isEmpty();
		replay.server.verify(1, getRequestedFor(urlPathEqualTo("/works")));

		replay.server.stubFor(get(urlPathEqualTo("/works"))
			.willReturn(aResponse().withBody("{\"status\": \"failed\", \"message\": [\"bad filter\"]}")));
		assertThatThrownBy(() -> crossref.search(request, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("status ok");
	}

	@Test
	void theNoticesOfABatchOfDoisComeInOneRequestTheMostSeriousOnePerWork() throws Exception {
		replay.server.stubFor(get(urlPathEqualTo("/works")).withQueryParam("select", equalTo("DOI,updated-by"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("crossref/notices.json"))));
		CrossrefSource crossref = new CrossrefSource(replay.calls("crossref"), "lab@example.org");
		List<String> dois = List.of("10.5555/thoth.retracted.1", "10.5555/thoth.corrected.2", "10.5555/thoth.concern.3",
				"10.5555/thoth.addendum.4", "10.5555/thoth.clean.5");

		Map<String, CrossrefSource.Notice> notices = crossref.notices(dois, new SourceTally());

		// A retraction outweighs an earlier erratum; an addendum is no notice to flag.
		assertThat(notices).containsOnlyKeys("10.5555/thoth.retracted.1", "10.5555/thoth.corrected.2",
				"10.5555/thoth.concern.3");
		assertThat(notices.get("10.5555/thoth.retracted.1")).isEqualTo(new CrossrefSource.Notice("retraction",
				"10.5555/thoth.retraction.1", LocalDate.of(2024, 2, 12), "publisher", "Retraction"));
		assertThat(notices.get("10.5555/thoth.corrected.2").type()).isEqualTo("correction");
		assertThat(notices.get("10.5555/thoth.concern.3").type()).isEqualTo("expression_of_concern");
		replay.server.verify(1, getRequestedFor(urlPathEqualTo("/works")));
		replay.server.verify(getRequestedFor(urlPathEqualTo("/works"))
			.withQueryParam("filter",
					equalTo("doi:10.5555/thoth.retracted.1,doi:10.5555/thoth.corrected.2,"
							+ "doi:10.5555/thoth.concern.3,doi:10.5555/thoth.addendum.4,doi:10.5555/thoth.clean.5"))
			.withQueryParam("rows", equalTo("5"))
			.withQueryParam("mailto", equalTo("lab@example.org")));

		assertThatThrownBy(() -> crossref.notices(List.of("10.5555/a,b"), new SourceTally()))
			.isInstanceOf(IllegalArgumentException.class);
		replay.server.stubFor(get(urlPathEqualTo("/works")).withQueryParam("select", equalTo("DOI,updated-by"))
			.willReturn(aResponse().withBody("<html>Bad gateway</html>")));
		assertThatThrownBy(() -> crossref.notices(dois, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("cannot be read");
	}

	@Test
	void aWorkThatNamesItsOwnRetractionIsRetracted() {
		JsonNode work = JsonMapper.builder().build().readTree("""
				{"DOI": "10.5555/thoth.retracted.1", "title": ["A finding"],
				 "updated-by": [{"updated": {"date-parts": [[2024, 2, 12]]}, "DOI": "10.5555/thoth.retraction.1",
				   "type": "retraction", "source": "retraction-watch", "label": "Retraction"}]}""");
		assertThat(CrossrefSource.work(work).retracted()).isTrue();
		JsonNode corrected = JsonMapper.builder().build().readTree("""
				{"DOI": "10.5555/thoth.corrected.2", "title": ["Another finding"],
				 "updated-by": [{"DOI": "10.5555/thoth.correction.2", "type": "correction"}]}""");
		assertThat(CrossrefSource.work(corrected).retracted()).isFalse();
	}

	@Test
	void jatsAndHtmlBecomePlainText() {
		assertThat(Text.fromMarkup("<jats:sec><jats:title>Background</jats:title><jats:p>A &lt; B &amp; C</jats:p>"
				+ "</jats:sec><jats:sec><jats:title>Results</jats:title><jats:p>Done.</jats:p></jats:sec>"))
			.isEqualTo("Background A < B & C Results Done.");
		assertThat(Text.fromMarkup("<jats:title>Abstract</jats:title><jats:p>Text.</jats:p>")).isEqualTo("Text.");
	}

}
