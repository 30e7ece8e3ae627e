package dev.thoth.domain;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.thoth.domain.notes.NoteRefreshes;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notes to write again, on a real PostgreSQL: claimed once, kept when asked again.
 */
@SpringBootTest(classes = IngestJobsTests.QueueApplication.class)
class NoteRefreshesTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final Duration LEASE = Duration.ofMinutes(2);

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	NoteRefreshes refreshes;

	@Autowired
	PaperRepository papers;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void noRequests() {
		this.jdbc.sql("delete from note_refreshes").update();
	}

	@Test
	void aRequestIsClaimedByOneReplicaUntilItsLeaseRunsOut() {
		UUID paper = paper();
		this.refreshes.request(List.of(paper, paper, UUID.randomUUID()));
		assertThat(this.refreshes.pending()).as("once, and only for papers that exist").isEqualTo(1);

		List<NoteRefreshes.Claimed> mine = this.refreshes.claim("replica-a", LEASE, 10);
		assertThat(mine).extracting(NoteRefreshes.Claimed::paperId).containsExactly(paper);
		assertThat(mine.getFirst().attempts()).isEqualTo(1);
		assertThat(this.refreshes.claim("replica-b", LEASE, 10)).isEmpty();

		// The lease ran out (replica-a died): another replica takes it.
		this.jdbc.sql("update note_refreshes set claimed_until = now() - interval '1 second'").update();
		assertThat(this.refreshes.claim("replica-b", LEASE, 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.attempts()).isEqualTo(2));
	}

	@Test
	void aRequestMadeAgainWhileServedStaysForAnotherRound() {
		UUID paper = paper();
		this.refreshes.request(List.of(paper));
		NoteRefreshes.Claimed served = this.refreshes.claim("replica-a", LEASE, 10).getFirst();
		// The paper changes again while its note is being written.
		this.refreshes.request(List.of(paper));
		this.refreshes.done(served);
		assertThat(this.refreshes.pending()).isEqualTo(1);
		NoteRefreshes.Claimed again = this.refreshes.claim("replica-b", LEASE, 10).getFirst();
		assertThat(again.request()).isGreaterThan(served.request());
		assertThat(again.attempts()).isEqualTo(1);
		this.refreshes.done(again);
		assertThat(this.refreshes.pending()).isZero();
	}

	@Test
	void aRequestThatKeepsFailingWaitsForTheNextChange() {
		UUID paper = paper();
		this.refreshes.request(List.of(paper));
		for (int attempt = 1; attempt <= NoteRefreshes.MAX_ATTEMPTS; attempt++) {
			assertThat(this.refreshes.claim("replica-a", LEASE, 10)).hasSize(1);
			this.jdbc.sql("update note_refreshes set claimed_until = now() - interval '1 second'").update();
		}
		assertThat(this.refreshes.claim("replica-a", LEASE, 10)).isEmpty();
		this.refreshes.request(List.of(paper));
		assertThat(this.refreshes.claim("replica-a", LEASE, 10)).hasSize(1);
	}

	@Test
	void aRemovedPapersRequestGoesWithIt() {
		UUID paper = paper();
		this.refreshes.request(List.of(paper));
		this.papers.deleteById(paper);
		assertThat(this.refreshes.pending()).isZero();
	}

	private UUID paper() {
		return this.papers.save(new Paper(TestHashes.random())).getId();
	}

}
