package dev.thoth.pdfmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.notes.NoteRefreshes;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.pdfmonitor.notes.NoteService;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two PDF monitor replicas on one workspace, one PostgreSQL and one real Redis, which
 * carries the change events: a request made while no replica listened is served when a
 * replica starts, and a batch of requests announced once is served by the two together,
 * each request once. Their own sweep is set to ten minutes, so only the start and the
 * event can have woken them.
 */
class NoteRefreshReplicasTests {

	@TempDir
	static Path workspace;

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	static final int BATCH = 30;

	static ConfigurableApplicationContext first;

	static final Map<UUID, Path> notes = new HashMap<>();

	static UUID waiting;

	@BeforeAll
	static void aLibraryWithNotesAndARequestNobodyHeard() throws Exception {
		first = start();
		NoteService noteService = first.getBean(NoteService.class);
		PaperRepository papers = first.getBean(PaperRepository.class);
		for (int i = 0; i <= BATCH; i++) {
			Paper paper = new Paper(TestHashes.random());
			paper.describe("Paper number " + i + " on stomata", List.of("A. Botanist"), 2020);
			paper.setStatus(PaperStatus.READY);
			Paper saved = papers.save(paper);
			notes.put(saved.getId(), noteService.write(saved.getId()));
		}
		// Requested with no event: as if the API changed the paper while no monitor
		// listened (events are at most once).
		waiting = notes.keySet().iterator().next();
		tag(List.of(waiting), "asked-while-away");
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
	}

	static ConfigurableApplicationContext start() {
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(PdfMonitorApplication.class)
			.properties(Map.of("THOTH_DATABASE_URL", database.url(), "THOTH_DATABASE_USER", database.user(),
					"THOTH_DATABASE_PASSWORD", database.password(), "THOTH_WORKSPACE_DIR", workspace.toString(),
					"THOTH_PDF_MONITOR_PORT", "0", "THOTH_REDIS_URL", TestServers.redisUrl(),
					"thoth.pdf-monitor.note-sweep", "10m"))
			.run();
		replicas.add(replica);
		return replica;
	}

	/** Tags the papers and requests their notes, as the API does, without announcing. */
	static void tag(List<UUID> paperIds, String name) {
		JdbcClient jdbc = first.getBean(JdbcClient.class);
		first.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			UUID tag = UUID.randomUUID();
			jdbc.sql("insert into tags (id, name) values (:id, :name)").param("id", tag).param("name", name).update();
			for (UUID paper : paperIds) {
				jdbc.sql("insert into paper_tags (paper_id, tag_id, source) values (:paper, :tag, 'user')")
					.param("paper", paper)
					.param("tag", tag)
					.update();
			}
			first.getBean(NoteRefreshes.class).request(paperIds);
		});
	}

	@Test
	void requestsAreServedOnceByOneReplicaOrTheOther() throws Exception {
		// The request nobody heard is served by the replica that starts now.
		ConfigurableApplicationContext second = start();
		assertThat(second.getBean(PipelineEvents.class).transport()).isEqualTo("redis");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(notes.get(waiting))).contains("- \"asked-while-away\""));

		List<UUID> batch = notes.keySet().stream().filter((id) -> !id.equals(waiting)).toList();
		assertThat(batch).hasSize(BATCH);
		tag(batch, "announced");
		first.getBean(NoteRefreshes.class).announce(null, "TAGGED");

		NoteRefreshes refreshes = first.getBean(NoteRefreshes.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> refreshes.pending() == 0);
		for (UUID paper : batch) {
			assertThat(Files.readString(notes.get(paper))).as(paper.toString()).contains("- \"announced\"");
		}
		// Each request written once, by one replica or the other.
		assertThat(written(first) + written(second)).isEqualTo(BATCH + 1);
		try (var listed = Files.list(workspace.resolve("notes"))) {
			assertThat(listed.filter((file) -> file.toString().endsWith(".md")).count()).isEqualTo(BATCH + 1);
		}
	}

	private static double written(ConfigurableApplicationContext replica) {
		return replica.getBean(MeterRegistry.class)
			.find("thoth.pdf.notes.refreshed")
			.tag("outcome", "written")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
