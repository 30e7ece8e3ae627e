package dev.thoth.pdfmonitor.lookup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.thoth.pdfmonitor.lookup.CrossrefClient.CrossrefException;
import dev.thoth.testsupport.FakeCrossrefServer;
import dev.thoth.testsupport.FakeCrossrefServer.Author;
import dev.thoth.testsupport.FakeCrossrefServer.Request;
import dev.thoth.testsupport.FakeCrossrefServer.Work;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CrossRef client against a local server that answers in CrossRef's shape. */
class CrossrefClientTests {

	static final FakeCrossrefServer crossref = new FakeCrossrefServer();

	// Generous: the first call in a cold JVM on a busy machine is slow.
	final CrossrefClient client = client("library@thoth.test", Duration.ofSeconds(5));

	@AfterAll
	static void stop() {
		crossref.close();
	}

	@BeforeEach
	void reset() {
		crossref.reset();
	}

	static CrossrefClient client(String mailto, Duration readTimeout) {
		return new CrossrefClient(RestClient.builder(),
				new LookupProperties(true, crossref.baseUrl() + "/", mailto, Duration.ofSeconds(2), readTimeout));
	}

	@Test
	void aWorkIsReadByItsDoiWithMarkupRemoved() {
		crossref.add(new Work(CrossrefRecords.JCAP.doi(), "journal-article",
				"Apparent and average accelerations of the <i>Universe</i>", CrossrefRecords.JCAP.authors(),
				"Journal of Cosmology and Astroparticle Physics", List.of(2008, 10, 3),
				"<jats:title>Abstract</jats:title><jats:p>We consider the <jats:italic>volume</jats:italic> "
						+ "deceleration parameter &amp; the\n   acceleration.</jats:p>",
				List.of("Astronomy and Astrophysics")));

		WorkRecord work = this.client.work("10.1088/1475-7516/2008/10/003").orElseThrow();

		assertThat(work).isEqualTo(
				new WorkRecord("10.1088/1475-7516/2008/10/003", "Apparent and average accelerations of the Universe",
						null, List.of("Krzysztof Bolejko", "Lars Andersson"), List.of("Bolejko", "Andersson"),
						"Journal of Cosmology and Astroparticle Physics", 2008,
						"We consider the volume deceleration parameter & the acceleration.",
						List.of("Astronomy and Astrophysics")));
		Request request = crossref.requests().getFirst();
		assertThat(request.path()).isEqualTo("/works/10.1088/1475-7516/2008/10/003");
		assertThat(request.userAgent()).isEqualTo("Thoth/0.1 (mailto:library@thoth.test)");
	}

	@Test
	void aDoiWithCharactersThatMeanSomethingInAUrlReachesCrossrefIntact() {
		String sici = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O";
		crossref.add(new Work(sici, "journal-article", "A title?", List.of(new Author("Ann", "Author")), null,
				List.of(1998), null, List.of()));
		assertThat(this.client.work(sici)).map(WorkRecord::doi).hasValue(sici);
		assertThat(crossref.requests().getFirst().path()).isEqualTo("/works/" + sici);
	}

	@Test
	void anUnknownDoiIsNoRecordNotAnError() {
		assertThat(this.client.work("10.5555/no-such-doi")).isEqualTo(Optional.empty());
	}

	@Test
	void aBibliographicSearchAsksForTheCitationAndReturnsCrossrefsResultsInOrder() {
		crossref.add(CrossrefRecords.ANSWER_VALIDATION_OVERVIEW, CrossrefRecords.WANG);

		List<WorkRecord> results = this.client.search("Information Synthesis for Answer Validation Rui Wang", 3);

		assertThat(results).extracting(WorkRecord::doi)
			.containsExactly(CrossrefRecords.WANG.doi(), CrossrefRecords.ANSWER_VALIDATION_OVERVIEW.doi());
		assertThat(results.getFirst().authors()).containsExactly("Rui Wang", "Günter Neumann");
		assertThat(results.getFirst().year()).isEqualTo(2009);
		Request request = crossref.requests().getFirst();
		assertThat(request.path()).isEqualTo("/works");
		assertThat(request.query())
			.containsEntry("query.bibliographic", "Information Synthesis for Answer Validation Rui Wang")
			.containsEntry("rows", "3");
	}

	@Test
	void withoutAContactAddressTheUserAgentIsJustTheProduct() {
		client(" ", Duration.ofSeconds(1)).work("10.5555/x");
		assertThat(crossref.requests().getFirst().userAgent()).isEqualTo("Thoth/0.1");
	}

	@Test
	void anErrorStatusFailsWithTheStatus() {
		crossref.failWith(500);
		assertThatThrownBy(() -> this.client.work("10.1088/1475-7516/2008/10/003"))
			.isInstanceOf(CrossrefException.class)
			.hasMessage("CrossRef answered HTTP 500 to the DOI 10.1088/1475-7516/2008/10/003");
	}

	@Test
	void aSlowAnswerTimesOut() {
		crossref.delay(Duration.ofSeconds(3));
		long started = System.nanoTime();
		assertThatThrownBy(() -> client(null, Duration.ofMillis(500)).search("anything", 3))
			.isInstanceOf(CrossrefException.class)
			.hasMessage("CrossRef did not answer within PT0.5S");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aServerThatIsNotThereFailsWithTheReason() {
		FakeCrossrefServer gone = new FakeCrossrefServer();
		gone.close();
		CrossrefClient client = new CrossrefClient(RestClient.builder(),
				new LookupProperties(true, gone.baseUrl(), null, Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThatThrownBy(() -> client.work("10.5555/x")).isInstanceOf(CrossrefException.class)
			.hasMessageStartingWith("CrossRef could not be reached: java.net.ConnectException");
	}

	@Test
	void theYearComesFromTheEarliestDateCrossrefKnows() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(CrossrefClient.parse(json.readTree("""
				{"DOI":"10.5555/a","published-online":{"date-parts":[[2007,12]]},
				 "published-print":{"date-parts":[[2008,1,15]]},"issued":{"date-parts":[[2007,12]]}}""")).year())
			.isEqualTo(2007);
		assertThat(CrossrefClient.parse(json.readTree("""
				{"DOI":"10.5555/a","published":{"date-parts":[[null]]},"issued":{"date-parts":[[2011]]}}""")).year())
			.isEqualTo(2011);
		assertThat(CrossrefClient.parse(json.readTree("{\"DOI\":\"10.5555/a\"}")).year()).isNull();
	}

	@Test
	void authorsFollowTheirSequenceAndAnOrganisationIsAnAuthorToo() {
		WorkRecord work = CrossrefClient.parse(JsonMapper.builder()
			.build()
			.readTree(
					"""
							{"DOI":"10.5555/a","author":[{"given":"B.","family":"Second","sequence":"additional"},
							 {"given":"A.","family":"First","sequence":"first"},{"name":"The Thoth Consortium","sequence":"additional"}]}"""));
		assertThat(work.authors()).containsExactly("A. First", "B. Second", "The Thoth Consortium");
		assertThat(work.families()).containsExactly("First", "Second", "The Thoth Consortium");
	}

}
