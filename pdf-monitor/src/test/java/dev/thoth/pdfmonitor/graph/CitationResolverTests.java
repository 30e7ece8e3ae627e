package dev.thoth.pdfmonitor.graph;

import java.util.List;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The citation graph on a real PostgreSQL: references resolve both ways, and later. */
@SpringBootTest(properties = "thoth.pdf-monitor.workers=0", webEnvironment = SpringBootTest.WebEnvironment.NONE)
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

	private Paper paper(char digit, String title, String doi) {
		Paper paper = new Paper(String.valueOf(digit).repeat(64));
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
		Paper early = paper('1', "Attention Is All You Need", "10.5555/attention");
		Paper citing = paper('2', "A citing paper", null);
		PaperReference byDoi = reference(citing, 1, "attention is all you need (preprint)", "10.5555/ATTENTION");
		PaperReference byTitle = reference(citing, 2, "Deep Residual Learning: for Image Recognition", null);
		PaperReference unknown = reference(citing, 3, "Something not in the library", null);

		assertThat(resolver.resolve(citing)).isEmpty();
		assertThat(resolvedOf(byDoi)).isEqualTo(early.getId());
		assertThat(resolvedOf(byTitle)).isNull();

		Paper later = paper('3', "Deep residual learning for image recognition", null);
		assertThat(resolver.resolve(later)).containsExactly(citing.getId());
		assertThat(resolvedOf(byTitle)).isEqualTo(later.getId());
		assertThat(resolvedOf(unknown)).isNull();
	}

	private Object resolvedOf(PaperReference reference) {
		return this.jdbc.sql("select resolved_paper_id from paper_references where id = :id")
			.param("id", reference.getId())
			.query((rs, row) -> rs.getObject(1))
			.list()
			.getFirst();
	}

}
