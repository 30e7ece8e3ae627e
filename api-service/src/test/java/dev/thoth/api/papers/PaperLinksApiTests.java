package dev.thoth.api.papers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Library;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.CitingPaper;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.RelatedPaper;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Who cites a paper and which papers are related to it, over real HTTP, a real database
 * and passages embedded by the real model.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_RATE_LIMIT_PER_MINUTE=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperLinksApiTests {

	static final String KEY = "links-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	/** A second paper on the subject of {@link Library#SCHEDULING}, in other words. */
	static final List<String> MORE_SCHEDULING = List.of("""
			Scheduling parallel tasks on a cluster. Each task can run on a variable number of processors, \
			chosen by the scheduler before it starts. We minimise the total completion time of the tasks and \
			the time at which the last task finishes.""");

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	PapersClient client;

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	VectorStore store;

	@Autowired
	Embedder embedder;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Paper scheduling;

	Paper moreScheduling;

	Paper decisions;

	Paper desert;

	Paper classic;

	@BeforeAll
	void fillTheLibrary() {
		Library library = new Library(this.papers, this.store, this.embedder);
		this.scheduling = library.add("Bi-criteria scheduling of moldable jobs", Library.SCHEDULING);
		this.moreScheduling = library.add("Scheduling parallel tasks with a variable number of processors",
				MORE_SCHEDULING);
		this.decisions = library.add("Architectural decision records", Library.DECISIONS);
		this.desert = library.add("Water use of desert succulents", Library.DESERT_PLANTS);
		this.classic = library.add("A classic both papers cite", List.of("""
				A classic text about software design, rarely read in full, often cited."""));

		// The decision records paper and the desert paper share three references: one
		// resolved to the same library paper, one by DOI (in different case), one by
		// title. The second scheduling paper shares one with each: the classic.
		references(this.decisions, ref(1, "The classic", null, null, this.classic),
				ref(2, "Some unrelated work on compilers", null, null, null),
				ref(3, "Another work", "10.1234/Shared.DOI", null, null),
				ref(4, "Documenting architecture decisions in agile teams", null, null, null));
		references(this.desert, ref(1, "Photosynthesis in cacti", null, null, null),
				ref(2, "Documenting Architecture Decisions in Agile Teams", null, null, null),
				ref(5, "A classic text", null, null, this.classic),
				ref(7, "Yet another", "10.1234/shared.doi", null, null),
				// A short title like this one identifies no work: not a shared reference.
				ref(8, "Introduction", null, null, null));
		references(this.moreScheduling, ref(1, "Introduction", null, null, null),
				ref(2, "The classic", null, null, this.classic));
		this.references.save(citing(this.scheduling, 3, this.decisions));
	}

	@Test
	void citedByListsTheCitingPapersWithThePositionOfTheirEntry() {
		PageResponse<CitingPaper> page = this.client.citedBy(this.classic.getId(), 0, 10);
		assertThat(page.totalItems()).isEqualTo(3);
		assertThat(page.items()).extracting(CitingPaper::paperId, CitingPaper::referencePosition)
			.containsExactlyInAnyOrder(tuple(this.decisions.getId(), 1), tuple(this.desert.getId(), 5),
					tuple(this.moreScheduling.getId(), 2));
		CitingPaper desertEntry = page.items()
			.stream()
			.filter((citing) -> citing.paperId().equals(this.desert.getId()))
			.findFirst()
			.orElseThrow();
		assertThat(desertEntry.title()).isEqualTo("Water use of desert succulents");
		assertThat(desertEntry.authors()).extracting((author) -> author.name()).containsExactly("Ada Lovelace");
		assertThat(desertEntry.year()).isEqualTo(2024);
		assertThat(desertEntry.citedOnPages()).containsExactly(1, 2);

		PageResponse<CitingPaper> first = this.client.citedBy(this.classic.getId(), 0, 2);
		PageResponse<CitingPaper> second = this.client.citedBy(this.classic.getId(), 1, 2);
		assertThat(first.items()).hasSize(2);
		assertThat(second.items()).hasSize(1);
		assertThat(first.totalPages()).isEqualTo(2);
		assertThat(second.items().getFirst()).isNotIn(first.items());

		assertThat(this.client.citedBy(this.decisions.getId(), 0, 10).items()).extracting(CitingPaper::paperId)
			.containsExactly(this.scheduling.getId());
		assertThat(this.client.citedBy(this.desert.getId(), 0, 10).items()).isEmpty();
	}

	@Test
	void aPaperWithSimilarTextIsRelated() {
		List<RelatedPaper> related = this.client.related(this.scheduling.getId(), 10);
		assertThat(related).isNotEmpty();
		RelatedPaper best = related.getFirst();
		assertThat(best.paperId()).isEqualTo(this.moreScheduling.getId());
		assertThat(best.title()).isEqualTo("Scheduling parallel tasks with a variable number of processors");
		assertThat(best.reasons()).containsExactly("similar text");
		assertThat(related).extracting(RelatedPaper::paperId)
			.doesNotContain(this.scheduling.getId(), this.desert.getId());
	}

	@Test
	void aPaperSharingReferencesIsRelatedWithTheReason() {
		List<RelatedPaper> related = this.client.related(this.decisions.getId(), 10);
		assertThat(related).extracting(RelatedPaper::paperId).doesNotContain(this.decisions.getId());
		RelatedPaper desertPaper = related.stream()
			.filter((paper) -> paper.paperId().equals(this.desert.getId()))
			.findFirst()
			.orElseThrow();
		assertThat(desertPaper.reasons()).contains("3 shared references");
		assertThat(desertPaper.title()).isEqualTo("Water use of desert succulents");
		// The second scheduling paper shares only the classic; desert shares more, so it
		// ranks higher.
		RelatedPaper schedulingPaper = related.stream()
			.filter((paper) -> paper.paperId().equals(this.moreScheduling.getId()))
			.findFirst()
			.orElseThrow();
		assertThat(schedulingPaper.reasons()).contains("1 shared reference");
		assertThat(related.indexOf(desertPaper)).isLessThan(related.indexOf(schedulingPaper));
		assertThat(this.client.related(this.decisions.getId(), 1)).hasSize(1);
	}

	@Test
	void unknownPapersAre404AndBadParameters400() throws Exception {
		assertThatThrownBy(() -> this.client.citedBy(UUID.randomUUID(), 0, 10))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
		assertThatThrownBy(() -> this.client.related(UUID.randomUUID(), 5))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
		HttpResponse<String> k = get("/api/v1/papers/" + this.scheduling.getId() + "/related?k=0", KEY);
		assertThat(k.statusCode()).isEqualTo(400);
		assertThat(k.body()).contains("k");
		HttpResponse<String> tooMany = get("/api/v1/papers/" + this.scheduling.getId() + "/related?k=51", KEY);
		assertThat(tooMany.statusCode()).isEqualTo(400);
		HttpResponse<String> size = get("/api/v1/papers/" + this.classic.getId() + "/cited-by?size=501", KEY);
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("size");
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		assertThat(get("/api/v1/papers/" + this.classic.getId() + "/cited-by", null).statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/papers/" + this.classic.getId() + "/related", null).statusCode()).isEqualTo(401);
	}

	private static PaperReference ref(int position, String title, String doi, String arxivId, Paper resolvedTo) {
		PaperReference reference = new PaperReference(UUID.randomUUID(), position, "[" + position + "] " + title);
		reference.describe(title, List.of("Someone"), 2000, null, doi, arxivId);
		if (resolvedTo != null) {
			reference.resolveTo(resolvedTo.getId());
		}
		return reference;
	}

	/** The references, moved to the paper (they are built before it is known). */
	private void references(Paper paper, PaperReference... entries) {
		for (PaperReference entry : entries) {
			PaperReference owned = new PaperReference(paper.getId(), entry.getPosition(), entry.getRaw());
			owned.describe(entry.getTitle(), entry.getAuthors(), entry.getYear(), entry.getVenue(), entry.getDoi(),
					entry.getArxivId());
			if (entry.getResolvedPaperId() != null) {
				owned.resolveTo(entry.getResolvedPaperId());
				owned.setCitedOnPages(List.of(2, 1));
			}
			this.references.save(owned);
		}
	}

	private static PaperReference citing(Paper paper, int position, Paper cited) {
		PaperReference reference = new PaperReference(paper.getId(), position,
				"[" + position + "] " + cited.getTitle());
		reference.describe(cited.getTitle(), List.of("Ada Lovelace"), 2024, null, null, null);
		reference.resolveTo(cited.getId());
		return reference;
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.timeout(Duration.ofSeconds(30));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
