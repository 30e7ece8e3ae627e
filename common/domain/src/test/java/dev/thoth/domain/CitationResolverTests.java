package dev.thoth.domain;

import java.util.List;
import java.util.UUID;

import dev.thoth.domain.papers.CitationResolver;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citation graph on a real PostgreSQL: references resolve both ways, later when the
 * cited paper arrives, and again when a paper's DOI or title is corrected.
 */
@SpringBootTest(classes = IngestJobsTests.QueueApplication.class)
class CitationResolverTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-graph-ws");
	}

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	JdbcClient jdbc;

	private Paper paper(String title, String doi) {
		Paper paper = new Paper(TestHashes.random());
		paper.describe(title, List.of(), 2020);
		paper.setDoi(doi);
		return this.papers.saveAndFlush(paper);
	}

	private PaperReference reference(Paper citing, int position, String title, String doi) {
		PaperReference reference = new PaperReference(citing.getId(), position, "[" + position + "] " + title);
		reference.describe(title, List.of("A. Author"), 2019, null, doi, null);
		return this.references.saveAndFlush(reference);
	}

	@Test
	void referencesResolveByDoiOrTitleAndLaterWhenTheCitedPaperArrives() {
		CitationResolver resolver = new CitationResolver(this.jdbc);
		Paper early = paper("Attention Is All You Need", "10.5555/attention");
		Paper citing = paper("A citing paper", null);
		PaperReference byDoi = reference(citing, 1, "attention is all you need (preprint)", "10.5555/ATTENTION");
		PaperReference byTitle = reference(citing, 2, "Deep Residual Learning: for Image Recognition", null);
		PaperReference unknown = reference(citing, 3, "Something not in the library", null);

		assertThat(resolver.resolve(citing)).isEmpty();
		assertThat(resolvedOf(byDoi)).isEqualTo(early.getId());
		assertThat(resolvedOf(byTitle)).isNull();

		Paper later = paper("Deep residual learning for image recognition", null);
		assertThat(resolver.resolve(later)).containsExactly(citing.getId());
		assertThat(resolvedOf(byTitle)).isEqualTo(later.getId());
		assertThat(resolvedOf(unknown)).isNull();
	}

	@Test
	void aCorrectedTitleUnlinksWhatNoLongerNamesThePaperAndLinksWhatNowDoes() {
		CitationResolver resolver = new CitationResolver(this.jdbc);
		Paper namesTheMisreading = paper("A paper citing the journal", null);
		Paper namesTheRealTitle = paper("A paper citing the real work", null);
		PaperReference wrongLink = reference(namesTheMisreading, 1, "Journal of obscure results", null);
		PaperReference rightOne = reference(namesTheRealTitle, 1, "Stomatal opening at night in succulents", null);
		// Read with a wrong title, which a reference elsewhere happens to carry.
		Paper misread = paper("Journal of Obscure Results", null);
		assertThat(resolver.resolve(misread)).containsExactly(namesTheMisreading.getId());
		assertThat(resolvedOf(wrongLink)).isEqualTo(misread.getId());
		assertThat(resolvedOf(rightOne)).isNull();

		retitle(misread, "Stomatal Opening at Night in Succulents");

		assertThat(resolver.reresolve(misread.getId())).containsExactlyInAnyOrder(namesTheMisreading.getId(),
				namesTheRealTitle.getId());
		assertThat(resolvedOf(wrongLink)).isNull();
		assertThat(resolvedOf(rightOne)).isEqualTo(misread.getId());
		// Nothing changed since: nothing to do.
		assertThat(resolver.reresolve(misread.getId())).isEmpty();
	}

	@Test
	void aLinkThatStillHoldsByDoiStaysWhenTheTitleChanges() {
		CitationResolver resolver = new CitationResolver(this.jdbc);
		Paper cited = paper("Some title", "10.5555/stays");
		Paper citing = paper("Its citing paper", null);
		PaperReference byDoi = reference(citing, 1, "A different printed title", "10.5555/STAYS");
		resolver.resolve(citing);
		assertThat(resolvedOf(byDoi)).isEqualTo(cited.getId());

		retitle(cited, "Another title");

		assertThat(resolver.reresolve(cited.getId())).isEmpty();
		assertThat(resolvedOf(byDoi)).isEqualTo(cited.getId());
	}

	/** A corrected title, as the API saves it. */
	private void retitle(Paper paper, String title) {
		Paper corrected = this.papers.findWithDetailsById(paper.getId()).orElseThrow();
		corrected.describe(title, List.of(), 2020);
		this.papers.saveAndFlush(corrected);
	}

	private UUID resolvedOf(PaperReference reference) {
		return this.jdbc.sql("select resolved_paper_id from paper_references where id = :id")
			.param("id", reference.getId())
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.list()
			.getFirst();
	}

}
