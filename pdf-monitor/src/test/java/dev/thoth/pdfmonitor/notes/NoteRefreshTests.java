package dev.thoth.pdfmonitor.notes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.notes.NoteRefreshes;
import dev.thoth.domain.papers.CitationResolver;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notes follow their papers when the library changes outside the pipeline, on a real
 * monitor and PostgreSQL, with the change events over PostgreSQL {@code NOTIFY}. Each
 * change is made as the API makes it: in one transaction, the change and its request
 * ({@link NoteRefreshes}, the class the API uses), announced once committed. The
 * monitor's own sweep is set to ten minutes, so a note that follows within the wait was
 * written because the event woke the monitor.
 */
@SpringBootTest(properties = { "thoth.pdf-monitor.workers=1", "thoth.pdf-monitor.note-sweep=10m" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
// Closed afterwards: its workers would otherwise poll a deleted workspace.
@DirtiesContext
class NoteRefreshTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
	}

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	NoteService notes;

	@Autowired
	NoteRefreshes refreshes;

	@Autowired
	PipelineEvents events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void theNotesCitingARemovedPaperNoLongerCountOrLinkIt() throws Exception {
		assertThat(this.events.transport()).isEqualTo("postgres");
		Paper cited = paper("Crassulacean acid metabolism in succulents", null);
		Paper citing = paper("Water use of desert plants", null);
		reference(citing, 1, "Crassulacean acid metabolism in succulents", null, cited);
		reference(citing, 2, "Something not in the library", null, null);
		Path note = Path.of(this.notes.write(citing.getId()).toString());
		this.notes.write(cited.getId());
		assertThat(Files.readString(note)).contains("- [1] [[Crassulacean acid metabolism in succulents]]")
			.contains("1 of 2 references are in the library.");

		// As the API removes a paper.
		this.transactions.executeWithoutResult((status) -> {
			this.refreshes.requestCiting(cited.getId());
			this.refreshes.announce(cited.getId(), "REMOVED");
			this.jdbc.sql("update paper_references set resolved_paper_id = null where resolved_paper_id = :id")
				.param("id", cited.getId())
				.update();
			this.jdbc.sql("delete from papers where id = :id").param("id", cited.getId()).update();
		});

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(Files.readString(note))
				.doesNotContain("[[Crassulacean acid metabolism in succulents]]")
				.contains("None of the 2 references is in the library yet."));
		await().atMost(WAIT).until(() -> this.refreshes.pending() == 0);
	}

	@Test
	void aCorrectionThatResolvesACitationReachesBothNotesAndARenameIsFollowed() throws Exception {
		Paper cited = paper("Stomatal opening at night", null);
		Paper citing = paper("A review of plant water relations", null);
		reference(citing, 1, "Night-time stomatal behaviour (preprint)", "10.5555/NIGHT", null);
		Path citingNote = this.notes.write(citing.getId());
		Path citedNote = this.notes.write(cited.getId());
		assertThat(Files.readString(citingNote)).contains("None of the 1 references is in the library yet.");

		// As the API corrects the DOI: the graph is resolved again in the same
		// transaction, and the notes of the paper and of those whose references changed
		// are requested.
		correct(cited.getId(), (paper) -> paper.setDoi("10.5555/night"));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(Files.readString(citingNote)).contains("- [1] [[Stomatal opening at night]]");
			assertThat(Files.readString(citedNote)).contains("doi: \"10.5555/night\"");
		});

		// A corrected title renames the note; the note that links to it follows.
		correct(cited.getId(), (paper) -> paper.describe("Stomata open at night", paper.getAuthors(), paper.getYear()));
		Path renamed = workspace.resolve("notes").resolve("Stomata open at night.md");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(renamed).exists();
			assertThat(citedNote).doesNotExist();
			assertThat(Files.readString(citingNote)).contains("- [1] [[Stomata open at night]]")
				.doesNotContain("[[Stomatal opening at night]]");
		});
	}

	@Test
	void tagsAUserAddsRenamesAndRemovesReachTheFrontMatter() throws Exception {
		Paper paper = paper("Succulent gas exchange", null);
		Path note = this.notes.write(paper.getId());
		assertThat(Files.readString(note)).contains("tags: []");

		// As the API tags the paper (creating the tag).
		UUID tag = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("insert into tags (id, name) values (:id, 'night-time stomata')").param("id", tag).update();
			this.jdbc.sql("insert into paper_tags (paper_id, tag_id, source) values (:paper, :tag, 'user')")
				.param("paper", paper.getId())
				.param("tag", tag)
				.update();
			this.refreshes.request(List.of(paper.getId()));
			this.refreshes.announce(paper.getId(), "TAGGED");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(Files.readString(note)).contains("tags:\n  - \"night-time-stomata\"\n"));

		// As the API renames the tag: every paper that carries it.
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("update tags set name = 'cam plants' where id = :id").param("id", tag).update();
			this.refreshes.requestTagged(tag);
			this.refreshes.announce(null, "TAGGED");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(Files.readString(note)).contains("tags:\n  - \"cam-plants\"\n")
				.doesNotContain("night-time-stomata"));

		// As the API untags the paper.
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("delete from paper_tags where paper_id = :paper").param("paper", paper.getId()).update();
			this.refreshes.request(List.of(paper.getId()));
			this.refreshes.announce(paper.getId(), "TAGGED");
		});
		await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(note)).contains("tags: []"));
	}

	@Test
	void aRetractionRecordedOnThePaperReachesItsNote() throws Exception {
		Paper paper = paper("Night-time stomata, retracted", "10.5555/thoth.retracted.7");
		Path note = this.notes.write(paper.getId());
		assertThat(Files.readString(note)).doesNotContain("notice");

		// As the API records the notice the retraction watch found.
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("""
					update papers set retraction_type = 'retraction', retraction_notice_doi = '10.5555/thoth.notice.7',
					    retraction_date = date '2024-02-12', retraction_source = 'retraction-watch',
					    retraction_flagged_at = now()
					where id = :id""").param("id", paper.getId()).update();
			this.refreshes.request(List.of(paper.getId()));
			this.refreshes.announce(paper.getId(), "NOTICE");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(Files.readString(note))
				.contains("notice: \"retraction\"\nnotice-doi: \"10.5555/thoth.notice.7\"\nnotice-date: 2024-02-12\n")
				.contains("> [!warning] Retracted\n> This paper was retracted: "
						+ "[10.5555/thoth.notice.7](https://doi.org/10.5555/thoth.notice.7), 2024-02-12 "
						+ "(retraction-watch).\n"));
	}

	@Test
	void aChangeRolledBackRequestsNothing() {
		Paper paper = paper("A paper whose change failed", null);
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.refreshes.request(List.of(paper.getId()));
				this.refreshes.announce(paper.getId(), "TAGGED");
				throw new IllegalStateException("the change failed");
			});
		}
		catch (IllegalStateException expected) {
			// the change and its request are gone together
		}
		assertThat(this.jdbc.sql("select count(*) from note_refreshes where paper_id = :paper")
			.param("paper", paper.getId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aPaperWhoseNoteThePipelineHasNotWrittenYetIsLeftToThePipeline() {
		Paper paper = paper("A paper still being ingested", null);
		double before = refreshed("no_note");
		this.transactions.executeWithoutResult((status) -> {
			this.refreshes.request(List.of(paper.getId()));
			this.refreshes.announce(paper.getId(), "TAGGED");
		});
		await().atMost(WAIT).until(() -> refreshed("no_note") > before);
		assertThat(this.papers.findById(paper.getId()).orElseThrow().getNotePath()).isNull();
		assertThat(workspace.resolve("notes").resolve("A paper still being ingested.md")).doesNotExist();
		await().atMost(WAIT).until(() -> this.refreshes.pending() == 0);
	}

	private double refreshed(String outcome) {
		var counter = this.meters.find("thoth.pdf.notes.refreshed").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** As the API corrects a paper: saved, resolved again, requested and announced. */
	private void correct(UUID paperId, java.util.function.Consumer<Paper> change) {
		this.transactions.executeWithoutResult((status) -> {
			Paper paper = this.papers.findWithDetailsById(paperId).orElseThrow();
			change.accept(paper);
			this.papers.saveAndFlush(paper);
			List<UUID> shown = new ArrayList<>(List.of(paperId));
			shown.addAll(new CitationResolver(this.jdbc).reresolve(paperId));
			this.refreshes.request(shown);
			this.refreshes.announce(paperId, "CORRECTED");
		});
	}

	private Paper paper(String title, String doi) {
		Paper paper = new Paper(TestHashes.random());
		paper.describe(title, List.of("A. Botanist"), 2020);
		paper.setDoi(doi);
		paper.setStatus(PaperStatus.READY);
		return this.papers.saveAndFlush(paper);
	}

	private void reference(Paper citing, int position, String title, String doi, Paper resolved) {
		PaperReference reference = new PaperReference(citing.getId(), position, "[" + position + "] " + title);
		reference.describe(title, List.of("A. Author"), 2019, null, doi, null);
		if (resolved != null) {
			reference.resolveTo(resolved.getId());
		}
		this.references.saveAndFlush(reference);
	}

}
