package dev.thoth.discovery.sources;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** bioRxiv and medRxiv details by date window, replayed, matched locally. */
class BiorxivSourceTests extends ReplayedSource {

	static final SearchRequest QUERY = new SearchRequest(List.of("backreaction"), null, null, LocalDate.of(2024, 5, 1),
			LocalDate.of(2024, 5, 8), null, 50, null, null);

	BiorxivSource source() {
		Map<String, URI> servers = new LinkedHashMap<>();
		servers.put("biorxiv", URI.create("https://www.biorxiv.org"));
		servers.put("medrxiv", URI.create("https://www.medrxiv.org"));
		return new BiorxivSource(replay.calls("biorxiv"), servers);
	}

	@Test
	void stepsThroughTheWindowByEachCountMatchesLocallyAndKeepsTheNewestVersion() throws Exception {
		replay.server.stubFor(get(urlEqualTo("/details/biorxiv/2024-05-01/2024-05-08/0/json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Replay.fixture("biorxiv/biorxiv-0.json"))));
		replay.server.stubFor(get(urlEqualTo("/details/biorxiv/2024-05-01/2024-05-08/3/json"))
			.willReturn(aResponse().withBody(Replay.fixture("biorxiv/biorxiv-3.json"))));
		replay.server.stubFor(get(urlEqualTo("/details/medrxiv/2024-05-01/2024-05-08/0/json"))
			.willReturn(aResponse().withBody(Replay.fixture("biorxiv/empty.json"))));

		List<Candidate> found = source().search(QUERY, new SourceTally());

		// The stomata preprint does not match; the actomyosin one comes in version 2.
		assertThat(found).extracting(Candidate::title)
			.containsExactly("Mechanical backreaction of tissue growth on morphogen gradients",
					"A backreaction model of actomyosin flows");
		Candidate published = found.get(0);
		assertThat(published.ids().doi()).isEqualTo("10.7554/elife.99000003");
		assertThat(published.ids().preprintDoi()).isEqualTo("10.1101/2024.05.02.000002");
		assertThat(published.authors()).containsExactly("Moreau, C.", "Okafor, C.");
		assertThat(published.pdfUrl())
			.isEqualTo("https://www.biorxiv.org/content/10.1101/2024.05.02.000002v1.full.pdf");
		assertThat(published.categories()).containsExactly("developmental biology");
		Candidate revised = found.get(1);
		assertThat(revised.authors()).containsExactly("Nguyen, T.", "Park, S.");
		assertThat(revised.published()).isEqualTo(LocalDate.of(2024, 5, 6));
		assertThat(revised.pdfUrl()).endsWith("2024.05.04.000004v2.full.pdf");
		replay.server.verify(3, getRequestedFor(urlPathMatching("/details/.*")));
	}

	@Test
	void anEmptyWindowIsNoPapersAndAnAnswerWithoutCountIsMalformed() throws Exception {
		replay.server.stubFor(get(urlPathMatching("/details/.*"))
			.willReturn(aResponse().withBody(Replay.fixture("biorxiv/empty.json"))));
		assertThat(source().search(QUERY, new SourceTally())).isEmpty();

		replay.server.stubFor(get(urlPathMatching("/details/biorxiv/.*"))
			.willReturn(aResponse().withBody("{\"messages\": [{\"status\": \"ok\"}], \"collection\": [{\"doi\": "
					+ "\"10.1101/2024.05.09.000009\", \"title\": \"x\"}]}")));
		assertThatThrownBy(() -> source().search(QUERY, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("count");
	}

}
