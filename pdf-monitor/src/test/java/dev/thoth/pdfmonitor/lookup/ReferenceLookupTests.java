package dev.thoth.pdfmonitor.lookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.pdfmonitor.extraction.ParsedReferences;
import dev.thoth.pdfmonitor.extraction.Reference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference lookups against WireMock replaying CrossRef's and OpenAlex's answers: what is
 * filled, what is refused, what a failing, slow or hostile case does, and that nothing is
 * sent when lookups are off.
 */
class ReferenceLookupTests {

	static final WireMockServer crossref = new WireMockServer(options().dynamicPort());

	static final WireMockServer openAlex = new WireMockServer(options().dynamicPort());

	static {
		crossref.start();
		openAlex.start();
	}

	final MeterRegistry meters = new SimpleMeterRegistry();

	@AfterAll
	static void stop() {
		crossref.stop();
		openAlex.stop();
	}

	@BeforeEach
	void reset() {
		crossref.resetAll();
		openAlex.resetAll();
	}

	/**
	 * Kleinberg's paper as pedersen04.pdf's list prints it: the venue run into the title.
	 */
	static final Reference KLEINBERG = new Reference(10, "10", "[10] J. M. Kleinberg. Authoritative sources ...",
			List.of("J. M. Kleinberg"),
			"Authoritative sources in a hyperlinked environment.Journal of the ACM, 46(5):604–632, 1999", 1999, null,
			"10.1145/324133.324140", null);

	/** As cermine-test2-hindawi.pdf prints it. */
	static final Reference HEART_FAILURE = new Reference(4, "4", "[4] W. C. Lee, Y. E. Chavez, ...",
			List.of("W. C. Lee", "Y. E. Chavez", "T. Baker", "B. R. Luce"),
			"Economic burden of heart failure: a summary of recent literature", 2004, "Heart and Lung", null, null);

	/** As gadr.pdf prints it. */
	static final Reference ZDUN = new Reference(4, "4", "4. Zdun, U., Capilla, R., Tran, H., Zimmermann, O. ...",
			List.of("Zdun, U.", "Capilla, R.", "Tran, H.", "Zimmermann, O."),
			"Sustainable Architectural Design Decisions", 2013, null, null, null);

	static final Reference ZIMMERMANN = new Reference(6, "6", "6. Zimmermann, O., Miksovic, C. ...",
			List.of("Zimmermann, O.", "Miksovic, C."), "Decisions required vs. decisions made", 2013,
			"Aligning Enterprise, System, and Software Architectures", null, null);

	@Test
	void aReferenceWithADoiIsCheckedByItsCrossrefRecordWhichCorrectsAndFillsIt() {
		crossref.stubFor(
				get(urlPathEqualTo("/works/10.1145%2F324133.324140")).willReturn(json("crossref/work-kleinberg.json")));

		Reference completed = single(lookup(true, "oa-key", 60).complete(parsed(KLEINBERG)));

		// Found by its own DOI, and its first author agrees: the title read with the
		// venue run into it is corrected, the missing venue filled.
		assertThat(completed.title()).isEqualTo("Authoritative sources in a hyperlinked environment");
		assertThat(completed.venue()).isEqualTo("Journal of the ACM");
		assertThat(completed.authors()).containsExactly("J. M. Kleinberg");
		assertThat(completed.year()).isEqualTo(1999);
		assertThat(completed.doi()).isEqualTo("10.1145/324133.324140");
		assertThat(completed.sources())
			.isEqualTo(Map.of("title", new FieldSource("crossref", 0.95), "venue", new FieldSource("crossref", 0.95)));
		assertThat(crossref.findAll(getRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.getHeader("User-Agent"))
				.isEqualTo("Thoth/0.1 (mailto:library@thoth.test)"));
		openAlex.verify(0, anyRequestedFor(anyUrl()));
		assertThat(lookups("crossref", "found")).isEqualTo(1);
	}

	@Test
	void aYearOneOffIsAnotherEditionAndStaysWhileOneFurtherOffIsCorrected() {
		crossref.stubFor(
				get(urlPathEqualTo("/works/10.1145%2F324133.324140")).willReturn(json("crossref/work-kleinberg.json")));
		Reference oneOff = new Reference(1, "1", "raw", List.of("Kleinberg, J."),
				"Authoritative sources in a hyperlinked environment", 2000, "Journal of the ACM", KLEINBERG.doi(),
				null);
		Reference farOff = new Reference(2, "2", "raw", List.of("Kleinberg, J."),
				"Authoritative sources in a hyperlinked environment", 2009, "Journal of the ACM", KLEINBERG.doi(),
				null);

		ParsedReferences completed = lookup(true, "oa-key", 60).complete(parsed(oneOff, farOff));

		assertThat(completed.references().get(0)).isEqualTo(oneOff);
		assertThat(completed.references().get(1).year()).isEqualTo(1999);
		assertThat(completed.references().get(1).sources())
			.isEqualTo(Map.of("year", new FieldSource("crossref", 0.95)));
	}

	@Test
	void aDoiWhoseRecordIsAnotherWorkChangesNothing() {
		Reference misread = new Reference(3, "3", "[3] Someone else", List.of("A. Other"), "A different paper entirely",
				2001, null, "10.1145/324133.324140", null);
		crossref.stubFor(
				get(urlPathEqualTo("/works/10.1145%2F324133.324140")).willReturn(json("crossref/work-kleinberg.json")));

		assertThat(single(lookup(true, "oa-key", 60).complete(parsed(misread)))).isEqualTo(misread);
		assertThat(lookups("crossref", "other_work")).isEqualTo(1);
	}

	@Test
	void aReferenceWithoutDoiIsMatchedByTitleYearAndFirstAuthorThroughOpenAlex() {
		openAlex.stubFor(get(urlPathEqualTo("/works")).willReturn(json("openalex/works-sustainable-decisions.json")));

		Reference completed = single(lookup(true, "oa-key", 60).complete(parsed(ZDUN)));

		// A title match fills what was not parsed and corrects nothing.
		assertThat(completed.doi()).isEqualTo("10.5555/thoth-test.zdun-2013");
		assertThat(completed.venue()).isEqualTo("IEEE Software");
		assertThat(completed.title()).isEqualTo(ZDUN.title());
		assertThat(completed.authors()).isEqualTo(ZDUN.authors());
		assertThat(completed.sources())
			.isEqualTo(Map.of("doi", new FieldSource("openalex", 0.75), "venue", new FieldSource("openalex", 0.75)));
		LoggedRequest request = openAlex.findAll(getRequestedFor(urlPathEqualTo("/works"))).getFirst();
		assertThat(request.queryParameter("filter").values())
			.containsExactly("title.search:Sustainable Architectural Design Decisions,publication_year:2012-2014");
		assertThat(request.queryParameter("per_page").firstValue()).isEqualTo("5");
		assertThat(request.queryParameter("select").firstValue()).isEqualTo(OpenAlexClient.SELECT);
		assertThat(request.queryParameter("mailto").firstValue()).isEqualTo("library@thoth.test");
		assertThat(request.queryParameter("api_key").firstValue()).isEqualTo("oa-key");
		assertThat(request.getHeader("User-Agent")).isEqualTo("Thoth/0.1 (mailto:library@thoth.test)");
		crossref.verify(0, anyRequestedFor(anyUrl()));
		assertThat(lookups("openalex", "found")).isEqualTo(1);
	}

	@Test
	void withoutAnOpenAlexKeyTitlesAreMatchedThroughCrossrefsBibliographicSearch() {
		crossref.stubFor(get(urlPathEqualTo("/works")).willReturn(json("crossref/works-heart-failure.json")));

		Reference completed = single(lookup(true, "", 60).complete(parsed(HEART_FAILURE)));

		assertThat(completed.doi()).isEqualTo("10.5555/thoth-test.hf-burden-2004");
		// The printed venue differs from the record's, but a title match corrects
		// nothing.
		assertThat(completed.venue()).isEqualTo("Heart and Lung");
		assertThat(completed.sources()).isEqualTo(Map.of("doi", new FieldSource("crossref", 0.75)));
		crossref.verify(getRequestedFor(urlPathEqualTo("/works"))
			.withQueryParam("query.bibliographic",
					equalTo("Economic burden of heart failure: a summary of recent literature Lee 2004"))
			.withQueryParam("rows", equalTo("5")));
		openAlex.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void twoResultsAsGoodAreAmbiguousAndNeitherIsTaken() {
		openAlex.stubFor(get(urlPathEqualTo("/works")).willReturn(json("openalex/works-decisions-two-editions.json")));

		assertThat(single(lookup(true, "oa-key", 60).complete(parsed(ZIMMERMANN)))).isEqualTo(ZIMMERMANN);
		assertThat(lookups("openalex", "ambiguous")).isEqualTo(1);
	}

	@Test
	void aResultWithAnotherFirstAuthorOrYearIsNotTheReferencesWork() {
		openAlex.stubFor(get(urlPathEqualTo("/works")).willReturn(json("openalex/works-sustainable-decisions.json")));
		Reference otherAuthor = new Reference(1, "1", "raw", List.of("Olsen, M."), ZDUN.title(), 2013, null, null,
				null);
		Reference otherYear = new Reference(2, "2", "raw", ZDUN.authors(), ZDUN.title(), 2016, null, null, null);

		ParsedReferences completed = lookup(true, "oa-key", 60).complete(parsed(otherAuthor, otherYear));

		assertThat(completed.references()).containsExactly(otherAuthor, otherYear);
		assertThat(lookups("openalex", "not_found")).isEqualTo(2);
	}

	@Test
	void aFailingSourceLeavesTheReferencesAsParsedAndIsCounted() {
		crossref.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)));
		openAlex.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"Invalid API key\"}")));

		ParsedReferences completed = lookup(true, "wrong-key", 60).complete(parsed(KLEINBERG, ZDUN));

		assertThat(completed.references()).containsExactly(KLEINBERG, ZDUN);
		assertThat(lookups("crossref", "failed")).isEqualTo(1);
		assertThat(lookups("openalex", "failed")).isEqualTo(1);
	}

	@Test
	void aSourceTooSlowLeavesTheReferencesAsParsed() {
		crossref.stubFor(get(anyUrl()).willReturn(json("crossref/work-kleinberg.json").withFixedDelay(3000)));

		ParsedReferences completed = lookup(true, "oa-key", 60).complete(parsed(KLEINBERG));

		assertThat(completed.references()).containsExactly(KLEINBERG);
		assertThat(lookups("crossref", "failed")).isEqualTo(1);
	}

	@Test
	void lookupsOverTheLimitOrTheTimeBudgetAreSkippedAndLeaveTheReferencesAsParsed() {
		openAlex.stubFor(get(anyUrl()).willReturn(json("openalex/works-empty.json").withFixedDelay(2500)));
		Reference third = new Reference(7, "7", "raw", List.of("Lin, D."), "Dependency-based Evaluation of MINIPAR",
				1998, null, null, null);
		ReferenceLookup lookup = new ReferenceLookup(properties(true),
				new ReferenceLookupProperties(openAlex.baseUrl(), "oa-key", 2, 2, Duration.ofMillis(500)),
				crossrefClient(), openAlexClient("oa-key"), this.meters);

		ParsedReferences completed = lookup.complete(parsed(ZDUN, ZIMMERMANN, third));

		assertThat(completed.references()).containsExactly(ZDUN, ZIMMERMANN, third);
		// Two within the limit, cut off by the budget; the third over the limit.
		assertThat(lookups("openalex", "skipped")).isEqualTo(3);
		assertThat(openAlex.findAll(getRequestedFor(anyUrl()))).hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void lookupsOffSendNothingAnywhere() {
		crossref.stubFor(get(anyUrl()).willReturn(json("crossref/work-kleinberg.json")));
		openAlex.stubFor(get(anyUrl()).willReturn(json("openalex/works-sustainable-decisions.json")));
		ParsedReferences parsed = parsed(KLEINBERG, ZDUN, HEART_FAILURE);

		assertThat(lookup(false, "oa-key", 60).complete(parsed)).isSameAs(parsed);
		assertThat(lookup(true, "oa-key", 0).complete(parsed)).isSameAs(parsed);

		crossref.verify(0, anyRequestedFor(anyUrl()));
		openAlex.verify(0, anyRequestedFor(anyUrl()));
		assertThat(this.meters.find("thoth.pdf.reference.lookups").counters()).isEmpty();
	}

	@Test
	void aHostileDoiIsOnePathSegmentOfTheConfiguredHostAndNeverLeavesIt() {
		String hostile = "10.1234/../../admin?host=evil.example&x=@evil.example#frag";
		crossref.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));
		Reference reference = new Reference(1, "1", "raw", List.of("A. Author"), "Some title", 2020, null, hostile,
				null);

		assertThat(single(lookup(true, "oa-key", 60).complete(parsed(reference)))).isEqualTo(reference);

		List<LoggedRequest> requests = crossref.findAll(getRequestedFor(anyUrl()));
		assertThat(requests).singleElement().satisfies((request) -> {
			// Every '/', '?', '&', '@' and '#' of the DOI is encoded: one path segment
			// under /works/, no query, no fragment, on the configured server.
			assertThat(request.getUrl())
				.isEqualTo("/works/10.1234%2F..%2F..%2Fadmin%3Fhost%3Devil.example%26x%3D%40evil.example%23frag");
			assertThat(request.getHost()).isIn("localhost", "127.0.0.1");
			assertThat(request.getQueryParams()).isEmpty();
		});
		assertThat(lookups("crossref", "not_found")).isEqualTo(1);
	}

	@Test
	void aHostileTitleCanOnlyBeWordsOfOneTitleSearch() {
		openAlex.stubFor(get(anyUrl()).willReturn(json("openalex/works-empty.json")));
		Reference reference = new Reference(1, "1", "raw", List.of("Mallory, M."),
				"Ignore previous instructions,doi:10.1/x|10.2/y&api_key=stolen&mailto=x@evil.example!publication_year:>1900",
				2020, null, null, null);

		lookup(true, "oa-key", 60).complete(parsed(reference));

		LoggedRequest request = openAlex.findAll(getRequestedFor(anyUrl())).getFirst();
		assertThat(request.queryParameter("filter").values()).containsExactly(
				"title.search:Ignore previous instructions doi 10 1 x 10 2 y api key stolen mailto x evil example "
						+ "publication year 1900,publication_year:2019-2021");
		assertThat(request.queryParameter("api_key").values()).containsExactly("oa-key");
		assertThat(request.queryParameter("mailto").values()).containsExactly("library@thoth.test");
		assertThat(request.getQueryParams().keySet()).containsExactlyInAnyOrder("filter", "per_page", "select",
				"mailto", "api_key");
	}

	private ReferenceLookup lookup(boolean enabled, String openAlexKey, int maxPerPaper) {
		return new ReferenceLookup(properties(enabled),
				new ReferenceLookupProperties(openAlex.baseUrl(), openAlexKey, maxPerPaper, 2, Duration.ofSeconds(30)),
				crossrefClient(), openAlexClient(openAlexKey), this.meters);
	}

	private static LookupProperties properties(boolean enabled) {
		return new LookupProperties(enabled, crossref.baseUrl(), "library@thoth.test", Duration.ofSeconds(2),
				Duration.ofSeconds(1));
	}

	private static CrossrefClient crossrefClient() {
		return new CrossrefClient(RestClient.builder(), properties(true));
	}

	private static OpenAlexClient openAlexClient(String key) {
		return new OpenAlexClient(RestClient.builder(), properties(true), openAlex.baseUrl(), key);
	}

	private static ParsedReferences parsed(Reference... references) {
		return new ParsedReferences(List.of(references), List.of());
	}

	private static Reference single(ParsedReferences parsed) {
		assertThat(parsed.references()).hasSize(1);
		return parsed.references().getFirst();
	}

	private double lookups(String source, String outcome) {
		return this.meters.counter("thoth.pdf.reference.lookups", "source", source, "outcome", outcome).count();
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String fixture) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(fixture(fixture));
	}

	static String fixture(String name) {
		try (var in = ReferenceLookupTests.class.getResourceAsStream("/replayed/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
