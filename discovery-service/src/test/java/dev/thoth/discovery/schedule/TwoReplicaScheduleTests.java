package dev.thoth.discovery.schedule;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.clients.api.Retraction;
import dev.thoth.discovery.DiscoveryApplication;
import dev.thoth.discovery.retractions.RetractionWatch;
import dev.thoth.discovery.runs.RunWorker;
import dev.thoth.discovery.support.ApiStandIn;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two discovery replicas on one PostgreSQL: however often and however concurrently both
 * look for due queries, each due run is queued once and run once; a run left running by a
 * replica that stopped is taken over, or failed once it has been taken up too often;
 * OpenAlex without its key is reported as not configured, in health and in every run; the
 * retraction watch checks the library once per interval, whichever replica does it.
 */
class TwoReplicaScheduleTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final ApiStandIn world = new ApiStandIn();

	static final Instant CREATED = Instant.parse("2026-01-05T08:02:00Z");

	static final ResearchQueryView EVERY_FIVE = ApiStandIn.query("every five minutes", List.of("backreaction"),
			"0 */5 * * * *", false, 0.5, CREATED);

	static final ResearchQueryView HOURLY = ApiStandIn.query("hourly", List.of("cosmic acceleration"), "@hourly", false,
			0.5, CREATED);

	static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	static final Map<String, Object> settings = new HashMap<>();

	@BeforeAll
	static void twoReplicas() {
		world.emptySources();
		world.queries(EVERY_FIVE, HOURLY);
		world.library();
		settings.put("THOTH_DATABASE_URL", database.url());
		settings.put("THOTH_DATABASE_USER", database.user());
		settings.put("THOTH_DATABASE_PASSWORD", database.password());
		settings.put("THOTH_DISCOVERY_PORT", "0");
		settings.put("THOTH_DISCOVERY_TICK", "1h");
		settings.put("THOTH_DISCOVERY_RUN_LEASE", "3s");
		settings.put("THOTH_ONLINE_LOOKUPS", "true");
		settings.put("THOTH_RETRACTION_CHECK_INTERVAL", "1h");
		settings.put("THOTH_WORKSPACE_DIR", System.getProperty("java.io.tmpdir"));
		settings.put("THOTH_API_URL", world.url());
		org.springframework.test.context.DynamicPropertyRegistry registry = (name, value) -> settings.put(name,
				value.get());
		world.register(registry);
		for (int i = 0; i < 2; i++) {
			replicas.add(new SpringApplicationBuilder(DiscoveryApplication.class).properties(settings).run());
		}
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
		world.close();
	}

	@Test
	void eachDueRunIsQueuedOnceAndRunOnceByTwoReplicas() throws Exception {
		Instant firstTick = Instant.parse("2026-01-05T09:01:30Z");
		Instant secondTick = firstTick.plus(5, ChronoUnit.MINUTES);
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			for (Instant tick : List.of(firstTick, secondTick)) {
				List<Future<Integer>> queued = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					ScheduleTick replica = replicas.get(i % 2).getBean(ScheduleTick.class);
					queued.add(threads.submit((Callable<Integer>) () -> replica.queueDue(tick)));
				}
				int total = 0;
				for (Future<Integer> count : queued) {
					total += count.get();
				}
				// Both queries were due: once each, whoever queued them.
				assertThat(total).as("runs queued at " + tick).isEqualTo(tick.equals(firstTick) ? 2 : 1);
			}
			// The tick itself (the real clock), under ShedLock, on both at once: each
			// query is due once more, at its latest time before now.
			List<Future<?>> ticks = new ArrayList<>();
			for (ConfigurableApplicationContext replica : replicas) {
				ticks.add(threads.submit(() -> replica.getBean(ScheduleTick.class).tick()));
			}
			for (Future<?> tick : ticks) {
				tick.get();
			}
		}
		JdbcClient jdbc = replicas.get(0).getBean(JdbcClient.class);
		List<Map<String, Object>> runs = jdbc
			.sql("select query_id, scheduled_for from runs where trigger = 'schedule' order by scheduled_for")
			.query()
			.listOfRows();
		assertThat(runs).hasSize(5);
		assertThat(jdbc.sql("""
				select count(*) from (select query_id, scheduled_for from runs where trigger = 'schedule'
				    group by query_id, scheduled_for having count(*) > 1) twice
				""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from runs where query_id = :q and trigger = 'schedule'")
			.param("q", EVERY_FIVE.id())
			.query(Long.class)
			.single()).isEqualTo(3);
		// The due time is the schedule's latest, not a catch-up of every missed one.
		assertThat(jdbc.sql("select min(scheduled_for) from runs where query_id = :q")
			.param("q", EVERY_FIVE.id())
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));

		replicas.forEach((replica) -> replica.getBean(RunWorker.class).wake());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql("select count(*) from runs where trigger = 'schedule' and status = 'completed'")
				.query(Long.class)
				.single() == 5);
		// Each run was taken up once: by one replica, never by both.
		assertThat(jdbc.sql("select max(attempts) from runs where trigger = 'schedule'").query(Integer.class).single())
			.isEqualTo(1);
		JsonNode run = get(replicas.get(1), "/discovery/runs/"
				+ jdbc.sql("select id from runs where trigger = 'schedule' limit 1").query(UUID.class).single());
		JsonNode openalex = null;
		for (JsonNode source : run.get("sources")) {
			if (source.get("source").asString().equals("openalex")) {
				openalex = source;
			}
		}
		assertThat(openalex).isNotNull();
		assertThat(openalex.get("status").asString()).isEqualTo("not_configured");
		assertThat(openalex.get("errors").get(0).asString()).contains("OPENALEX_API_KEY");
	}

	@Test
	void aRunLeftRunningByAStoppedReplicaIsTakenOverOrFailedNeverLeftRunning() {
		JdbcClient jdbc = replicas.get(0).getBean(JdbcClient.class);
		UUID resumed = UUID.randomUUID();
		UUID exhausted = UUID.randomUUID();
		for (Object[] run : List.of(new Object[] { resumed, 1 }, new Object[] { exhausted, 3 })) {
			jdbc.sql(
					"""
							insert into runs (id, query_id, trigger, status, attempts, lease_owner, lease_expires_at)
							values (:id, :query, 'manual', 'running', :attempts, 'a-replica-that-died', now() - interval '1 minute')
							""")
				.param("id", run[0])
				.param("query", HOURLY.id())
				.param("attempts", run[1])
				.update();
		}
		replicas.get(1).getBean(RunWorker.class).wake();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc
				.sql("select count(*) from runs where id in (:a, :b) " + "and status in ('completed', 'failed')")
				.param("a", resumed)
				.param("b", exhausted)
				.query(Long.class)
				.single() == 2);
		Map<String, Object> taken = jdbc.sql("select status, attempts from runs where id = :id")
			.param("id", resumed)
			.query()
			.singleRow();
		assertThat(taken).containsEntry("status", "completed").containsEntry("attempts", 2);
		Map<String, Object> failed = jdbc.sql("select status, error from runs where id = :id")
			.param("id", exhausted)
			.query()
			.singleRow();
		assertThat(failed.get("status")).isEqualTo("failed");
		assertThat((String) failed.get("error")).contains("stopped 3 times");
	}

	@Test
	void healthReportsOpenAlexWithoutItsKeyAsNotConfigured() throws Exception {
		JsonNode sources = get(replicas.get(0), "/health").get("components").get("discoverySources");
		assertThat(sources.get("status").asString()).isEqualTo("UP");
		JsonNode openalex = sources.get("details").get("openalex");
		assertThat(openalex.get("status").asString()).isEqualTo("not configured");
		assertThat(openalex.get("reason").asString()).contains("OPENALEX_API_KEY");
		assertThat(sources.get("details").get("arxiv").get("status").asString()).isEqualTo("configured");
	}

	@Test
	void theRetractionWatchChecksTheLibraryOncePerIntervalWhicheverReplicaLooks() throws Exception {
		// 60 papers with a DOI (two CrossRef batches of 50 at most), one without.
		List<PaperSummary> library = new ArrayList<>();
		PaperSummary retracted = ApiStandIn.libraryPaper("A finding", "Ada Lovelace", 2023,
				"10.5555/thoth.retracted.1");
		PaperSummary concern = ApiStandIn.libraryPaper("A worry", "Alan Turing", 2024, "10.5555/THOTH.CONCERN.3");
		// Flagged in an earlier round already: not recorded again.
		PaperSummary corrected = new PaperSummary(UUID.randomUUID(), "A fix", List.of(), 2022,
				"10.5555/thoth.corrected.2", "READY", null, null, new Retraction("correction",
						"10.5555/thoth.correction.2", LocalDate.of(2022, 11, 30), "publisher", "Correction", CREATED));
		library.addAll(
				List.of(retracted, concern, corrected, ApiStandIn.libraryPaper("No DOI", "Grace Hopper", 2020, null)));
		for (int i = 0; i < 57; i++) {
			library.add(ApiStandIn.libraryPaper("Clean " + i, "Emmy Noether", 2021, "10.5555/thoth.clean." + i));
		}
		world.library(library.toArray(PaperSummary[]::new));
		world.server.stubFor(WireMock.get(urlPathEqualTo("/crossref/works"))
			.withQueryParam("select", equalTo("DOI,updated-by"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(ApiStandIn.fixture("crossref/notices.json"))));
		world.server.stubFor(put(urlPathMatching("/api/v1/papers/.*/retraction"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/thoth.retraction.1\"}")));

		// A replica whose API has not answered yet looks first. It must not take the
		// interval's lock, or no replica checks the library for an interval.
		Map<String, Object> unanswered = new HashMap<>(settings);
		unanswered.put("THOTH_API_URL", "http://127.0.0.1:" + FreePorts.next());
		try (ConfigurableApplicationContext starting = new SpringApplicationBuilder(DiscoveryApplication.class)
			.properties(unanswered)
			.run()) {
			starting.getBean(RetractionWatch.class).scheduled();
		}
		try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
			for (int round = 0; round < 2; round++) {
				List<Future<?>> looks = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					RetractionWatch watch = replicas.get(i % 2).getBean(RetractionWatch.class);
					looks.add(threads.submit(watch::scheduled));
				}
				for (Future<?> look : looks) {
					look.get();
				}
			}
		}

		// One round in all: two requests for 60 DOIs, however many replicas looked.
		world.server.verify(2,
				getRequestedFor(urlPathEqualTo("/crossref/works")).withQueryParam("select", equalTo("DOI,updated-by")));
		world.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v1/papers/" + retracted.id() + "/retraction"))
			.withRequestBody(equalToJson("""
					{"type": "retraction", "noticeDoi": "10.5555/thoth.retraction.1", "date": "2024-02-12",
					 "source": "publisher", "label": "Retraction"}""")));
		world.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v1/papers/" + concern.id() + "/retraction"))
			.withRequestBody(matchingJsonPath("$.type", equalTo("expression_of_concern"))));
		world.server.verify(2, putRequestedFor(urlPathMatching("/api/v1/papers/.*/retraction")));
		assertThat(replicas.get(0)
			.getBean(MeterRegistry.class)
			.counter("thoth.discovery.retractions.flagged", "type", "retraction")
			.count()
				+ replicas.get(1)
					.getBean(MeterRegistry.class)
					.counter("thoth.discovery.retractions.flagged", "type", "retraction")
					.count())
			.isEqualTo(1);
	}

	static JsonNode get(ConfigurableApplicationContext replica, String path) throws Exception {
		int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ApiStandIn.JSON.readTree(response.body());
	}

}
