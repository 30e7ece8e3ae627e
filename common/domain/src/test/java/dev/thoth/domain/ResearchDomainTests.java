package dev.thoth.domain;

import java.util.List;
import java.util.Map;

import dev.thoth.domain.jobs.IngestJob;
import dev.thoth.domain.jobs.IngestJobRepository;
import dev.thoth.domain.jobs.JobStatus;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.queries.ResearchQuery;
import dev.thoth.domain.queries.ResearchQueryRepository;
import dev.thoth.domain.tags.Tag;
import dev.thoth.domain.tags.TagRepository;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema and repositories against a real PostgreSQL, migrated by Flyway. */
@SpringBootTest(classes = ResearchDomainTests.DomainApplication.class)
class ResearchDomainTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	TagRepository tags;

	@Autowired
	IngestJobRepository jobs;

	@Autowired
	ResearchQueryRepository queries;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	private static String hash(char c) {
		return String.valueOf(c).repeat(64);
	}

	@Test
	void flywayCreatedTheSchema() {
		List<String> tables = this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 'public' order by 1",
				String.class);
		assertThat(tables).contains("papers", "paper_authors", "paper_field_sources", "paper_corrections",
				"paper_references", "tags", "paper_tags", "ingest_jobs", "job_stages", "research_queries",
				"flyway_schema_history");
	}

	@Test
	void aPaperKeepsItsAuthorsInOrderAndItsFieldSources() {
		Paper paper = new Paper(hash('a'));
		paper.describe("Attention Is All You Need", List.of("Ashish Vaswani", "Noam Shazeer", "Niki Parmar"), 2017);
		paper.setKeywords(List.of("transformers", "attention"));
		paper.recordSource("title", new FieldSource("layout", 0.95));
		paper.recordSource("year", new FieldSource("pdf-metadata", 0.6));
		this.papers.save(paper);

		Paper loaded = this.transactions.execute((status) -> {
			Paper found = this.papers.findWithDetailsById(paper.getId()).orElseThrow();
			found.getAuthors();
			return found;
		});
		assertThat(loaded.getAuthors()).containsExactly("Ashish Vaswani", "Noam Shazeer", "Niki Parmar");
		assertThat(loaded.getKeywords()).containsExactly("transformers", "attention");
		assertThat(loaded.getNormalizedTitle()).isEqualTo("attention is all you need");
		assertThat(loaded.getFieldSources())
			.isEqualTo(Map.of("title", new FieldSource("layout", 0.95), "year", new FieldSource("pdf-metadata", 0.6)));
		assertThat(loaded.getCreatedAt()).isNotNull();
	}

	@Test
	void theSameContentIsOnePaper() {
		this.papers.saveAndFlush(new Paper(hash('b')));
		assertThatThrownBy(() -> this.papers.saveAndFlush(new Paper(hash('b'))))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.papers.findByContentSha256(hash('b'))).isPresent();
	}

	@Test
	void aReferenceResolvesToALibraryPaperAndIsUnresolvedWhenThatPaperGoes() {
		Paper citing = this.papers.save(new Paper(hash('c')));
		Paper cited = this.papers.save(new Paper(hash('d')));
		PaperReference reference = new PaperReference(citing.getId(), 1,
				"[1] A. Author, A cited paper, Journal 12 (2001) 1-10.");
		reference.describe("A cited paper", List.of("A. Author"), 2001, "Journal", null, null);
		reference.resolveTo(cited.getId());
		this.references.saveAndFlush(reference);
		assertThat(this.references.countByResolvedPaperId(cited.getId())).isEqualTo(1);

		this.papers.deleteById(cited.getId());
		this.papers.flush();
		assertThat(this.jdbc.queryForObject("select resolved_paper_id from paper_references where id = ?", Object.class,
				reference.getId()))
			.isNull();
		assertThat(this.references.findByPaperIdOrderByPosition(citing.getId(), PageRequest.of(0, 10)).getContent())
			.extracting(PaperReference::getRaw)
			.containsExactly("[1] A. Author, A cited paper, Journal 12 (2001) 1-10.");
	}

	@Test
	void onlyOneActiveJobPerContent() {
		this.jobs.saveAndFlush(new IngestJob(hash('e'), "/inbox/a.pdf", "a.pdf"));
		assertThatThrownBy(() -> this.jobs.saveAndFlush(new IngestJob(hash('e'), "/inbox/copy-of-a.pdf", "copy.pdf")))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.jobs.countByStatus(JobStatus.QUEUED)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void tagNamesAreUnique() {
		this.tags.saveAndFlush(new Tag("physics"));
		assertThatThrownBy(() -> this.tags.saveAndFlush(new Tag("physics")))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> new Tag("  ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void researchQueriesAreStored() {
		this.queries.saveAndFlush(new ResearchQuery("retrieval", List.of("dense retrieval", "BM25")));
		assertThat(this.queries.findByEnabledTrue()).extracting(ResearchQuery::getName).contains("retrieval");
	}

	@Test
	void aResearchQueryIsRedefinedWhole() {
		ResearchQuery query = this.queries.saveAndFlush(new ResearchQuery("graphs", List.of("graph neural networks")));
		query.define(" graphs, again ", List.of("message passing"), List.of("cs.LG"), List.of("Petar Velickovic"),
				List.of("arxiv"), 2018, 20, "@weekly", false);
		this.queries.saveAndFlush(query);
		ResearchQuery loaded = this.queries.findById(query.getId()).orElseThrow();
		assertThat(loaded.getName()).isEqualTo("graphs, again");
		assertThat(loaded.getKeywords()).containsExactly("message passing");
		assertThat(loaded.getCategories()).containsExactly("cs.LG");
		assertThat(loaded.getSources()).containsExactly("arxiv");
		assertThat(loaded.getMinYear()).isEqualTo(2018);
		assertThat(loaded.getSchedule()).isEqualTo("@weekly");
		assertThat(loaded.isEnabled()).isFalse();
		assertThat(loaded.getUpdatedAt()).isAfterOrEqualTo(loaded.getCreatedAt());
	}

	@Test
	void theAnalysisTagsOfAPaperAreItsTagsWithSourceAnalysisAndUserTagsSurviveANewAnalysis() {
		Paper paper = this.papers.saveAndFlush(new Paper(hash('f')));
		this.jdbc.update("""
				insert into paper_analyses (paper_id, analyzer, summary, tags)
				values (?, 'offline', 'A summary.', '{"Graph  Theory", "tcp/ip", "graph theory", " ", "...", "50%"}')
				""", paper.getId());
		assertThat(tagsOf(paper)).containsExactly("50=analysis", "graph theory=analysis", "tcp ip=analysis");

		// The user confirms one analysis tag; a new analysis drops both.
		this.jdbc.update("""
				update paper_tags set source = 'user'
				where paper_id = ? and tag_id = (select id from tags where name = 'tcp ip')
				""", paper.getId());
		this.jdbc.update("update paper_analyses set tags = '{networks}' where paper_id = ?", paper.getId());
		assertThat(tagsOf(paper)).containsExactly("networks=analysis", "tcp ip=user");

		// The same tags again (the offline analyzer is deterministic) leave the user's
		// changes
		// alone, here an untagged analysis tag.
		this.jdbc.update("delete from paper_tags where paper_id = ? and source = 'analysis'", paper.getId());
		this.jdbc.update("update paper_analyses set tags = '{networks}' where paper_id = ?", paper.getId());
		assertThat(tagsOf(paper)).containsExactly("tcp ip=user");
	}

	private List<String> tagsOf(Paper paper) {
		return this.jdbc.queryForList("""
				select t.name || '=' || pt.source from paper_tags pt join tags t on t.id = pt.tag_id
				where pt.paper_id = ? order by t.name
				""", String.class, paper.getId());
	}

	@Test
	void aPaperNeedsAWellFormedHash() {
		assertThatThrownBy(() -> new Paper("not-a-hash")).isInstanceOf(IllegalArgumentException.class);
	}

	@SpringBootApplication
	static class DomainApplication {

	}

}
