package dev.thoth.discovery.sources;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.thoth.discovery.DiscoveryProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every source does with a source that rate limits, is overloaded, times out or
 * keeps failing: 429 and 503 waited out as Retry-After says (and reported), time-outs
 * tried again and then given up with the reason, a Retry-After longer than the longest
 * wait not waited, the source's circuit breaker opening.
 */
class SourceCallsTests extends ReplayedSource {

	static final SearchRequest QUERY = new SearchRequest(List.of("backreaction"), null, null,
			java.time.LocalDate.of(2024, 5, 1), java.time.LocalDate.of(2024, 5, 8), null, 5, null, null);

	/** Each source with the request it makes first and an answer it takes. */
	static Stream<Arguments> sources() {
		return Stream.of(source("arxiv", (calls) -> new ArxivSource(calls), "/api/query", "arxiv/empty.xml"),
				source("semantic_scholar", (calls) -> new SemanticScholarSource(calls, null), "/graph/v1/paper/search",
						"semantic-scholar/empty.json"),
				source("pubmed", (calls) -> new PubmedSource(calls, null, ""), "/entrez/eutils/esearch.fcgi",
						"pubmed/esearch-empty.json"),
				source("crossref", (calls) -> new CrossrefSource(calls, null), "/works", "crossref/works-last.json"),
				source("openalex", (calls) -> new OpenAlexSource(calls, "key", null), "/works",
						"openalex/works-last.json"),
				source("biorxiv",
						(calls) -> new BiorxivSource(calls, Map.of("biorxiv", URI.create("https://www.biorxiv.org"))),
						"/details/biorxiv/2024-05-01/2024-05-08/0/json", "biorxiv/empty.json"));
	}

	static Arguments source(String name, Function<SourceCalls, PaperSource> factory, String path, String fixture) {
		return Arguments.of(name, factory, path, fixture);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sources")
	void a429WithRetryAfterIsWaitedOutAndReported(String name, Function<SourceCalls, PaperSource> factory, String path,
			String fixture) throws Exception {
		MappingBuilder first = get(urlPathEqualTo(path)).inScenario(name)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("waited");
		replay.server.stubFor(first);
		replay.server.stubFor(get(urlPathEqualTo(path)).inScenario(name)
			.whenScenarioStateIs("waited")
			.willReturn(aResponse().withBody(Replay.fixture(fixture))));
		SourceTally tally = new SourceTally();

		assertThat(factory.apply(replay.calls(name)).search(QUERY, tally)).isEmpty();

		assertThat(tally.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(tally.errors()).anySatisfy((error) -> assertThat(error).contains("HTTP 429", "Retry-After 1 s"));
		assertThat(replay.meters.get(SourceMetrics.RATE_LIMIT_WAIT)
			.tag("source", name)
			.timer()
			.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(1000);
		assertThat(replay.meters.get(SourceMetrics.REQUESTS)
			.tags("source", name, "outcome", "rate_limited")
			.timer()
			.count()).isPositive();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sources")
	void aSourceThatDoesNotAnswerInTimeIsTriedAgainThenGivenUpWithTheReason(String name,
			Function<SourceCalls, PaperSource> factory, String path, String fixture) {
		replay.server
			.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(1500).withBody(Replay.fixture(fixture))));

		assertThatThrownBy(
				() -> factory.apply(replay.calls(name, Duration.ofMillis(500))).search(QUERY, new SourceTally()))
			.isInstanceOf(SourceException.class)
			.hasMessageContaining("timed out after 500 ms")
			.satisfies((ex) -> assertThat(((SourceException) ex).reason()).isEqualTo("timeout"));
		replay.server.verify(3, anyRequestedFor(anyUrl()));
	}

	@Test
	void a503IsTriedAgainWithBackoffAndARetryAfterBeyondTheLongestWaitIsNotWaited() throws Exception {
		replay.server.stubFor(get(urlPathEqualTo("/api/query")).inScenario("503")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		replay.server.stubFor(get(urlPathEqualTo("/api/query")).inScenario("503")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withBody(Replay.fixture("arxiv/empty.xml"))));
		SourceTally tally = new SourceTally();
		assertThat(new ArxivSource(replay.calls("arxiv")).search(QUERY, tally)).isEmpty();
		assertThat(tally.errors()).singleElement().asString().contains("HTTP 503");
		replay.server.verify(2, anyRequestedFor(anyUrl()));

		replay.server.resetAll();
		replay.server.stubFor(get(urlPathEqualTo("/api/query"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
		long started = System.nanoTime();
		assertThatThrownBy(() -> new ArxivSource(replay.calls("arxiv")).search(QUERY, new SourceTally()))
			.isInstanceOf(SourceException.class)
			.hasMessageContaining("Retry-After 3600 s is longer than the longest wait");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		replay.server.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void aSourceThatKeepsFailingOpensItsCircuitBreakerAndIsNoLongerCalled() {
		replay.server.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withStatus(500)));
		CircuitBreaker breaker = Replay.breakerOpeningAfter(4);
		SourceCalls calls = replay.calls("arxiv", new DiscoveryProperties.Calls(Duration.ofSeconds(1),
				Duration.ofSeconds(1), 2, Duration.ofMillis(10), Duration.ofSeconds(5)), breaker);
		ArxivSource arxiv = new ArxivSource(calls);
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> arxiv.search(QUERY, new SourceTally())).hasMessageContaining("HTTP 500");
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatThrownBy(() -> arxiv.search(QUERY, new SourceTally())).isInstanceOf(SourceException.class)
			.hasMessageContaining("circuit breaker is open")
			.satisfies((ex) -> assertThat(((SourceException) ex).reason()).isEqualTo("circuit_open"));
		replay.server.verify(4, anyRequestedFor(anyUrl()));
	}

	@Test
	void aClientErrorIsNotTriedAgain() {
		replay.server.stubFor(get(urlPathEqualTo("/api/query"))
			.willReturn(aResponse().withStatus(400).withBody("<error>bad query</error>")));
		assertThatThrownBy(() -> new ArxivSource(replay.calls("arxiv")).search(QUERY, new SourceTally()))
			.hasMessageContaining("HTTP 400")
			.hasMessageContaining("bad query");
		replay.server.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		assertThat(SourceCalls.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(SourceCalls.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
		assertThat(SourceCalls.retryAfter("soon")).isNull();
		assertThat(SourceCalls.retryAfter(null)).isNull();
	}

	@Test
	void thePacerSpacesRequestsByTheInterval() throws Exception {
		Pacer pacer = BucketPacer.inProcess();
		pacer.await("test", Duration.ofMillis(300));
		Duration second = pacer.await("test", Duration.ofMillis(300));
		assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

}
