package dev.thoth.api.papers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.FieldProvenance;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.ReferenceView;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The papers endpoints over real HTTP on a real database, read through the typed client
 * that the other services use, so server and client agree on the shapes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class PapersApiTests {

	static final String KEY = "api-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	static final Path WORKSPACE = temporaryWorkspace();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, WORKSPACE::toString, PORT);
	}

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	PapersClient client;

	@LocalServerPort
	int port;

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private static Path temporaryWorkspace() {
		try {
			return Files.createTempDirectory("thoth-papers-ws");
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Paper storedPaper(char hashDigit, String title) {
		Paper paper = new Paper(String.valueOf(hashDigit).repeat(64));
		paper.describe(title, List.of("Marie Curie", "Pierre Curie"), 1903);
		paper.setDoi("10.1000/xyz" + hashDigit);
		paper.setPageCount(8);
		paper.recordSource("title", new FieldSource("layout", 0.9));
		return this.papers.save(paper);
	}

	@Test
	void getsAPaperWithAuthorsInOrderAndProvenance() {
		Paper stored = storedPaper('1', "On radioactive substances");
		PaperDetails details = this.client.get(stored.getId());
		assertThat(details.title()).isEqualTo("On radioactive substances");
		assertThat(details.authors()).containsExactly(new AuthorName("Marie Curie"), new AuthorName("Pierre Curie"));
		assertThat(details.year()).isEqualTo(1903);
		assertThat(details.pages()).isEqualTo(8);
		assertThat(details.status()).isEqualTo("PENDING");
		assertThat(details.provenance()).containsEntry("title", new FieldProvenance("layout", 0.9));
		// No venue, which a citation needs; the rest found with confidence.
		assertThat(details.needsReview()).containsExactly("venue");
	}

	@Test
	void theAbstractIsServedAsAbstractAndUnderItsDeprecatedOldName() throws Exception {
		Paper stored = storedPaper('8', "On the naming of fields");
		stored.setAbstractText("One name for one field.");
		this.papers.save(stored);
		tools.jackson.databind.JsonNode paper = JSON.readTree(get("/api/v1/papers/" + stored.getId()).body());
		assertThat(paper.get("abstract").asString()).isEqualTo("One name for one field.");
		assertThat(paper.get("abstractText").asString()).as("the deprecated alias")
			.isEqualTo("One name for one field.");
		assertThat(paper.get("provenance").propertyNames()).doesNotContain("abstractText");
		tools.jackson.databind.JsonNode listed = JSON.readTree(get("/api/v1/papers?q=naming").body())
			.get("items")
			.get(0);
		assertThat(listed.get("abstract").asString()).isEqualTo("One name for one field.");
		assertThat(listed.get("abstractText").asString()).isEqualTo("One name for one field.");
		// And the typed client, which reads the new name.
		assertThat(this.client.get(stored.getId()).abstractText()).isEqualTo("One name for one field.");
	}

	@Test
	void listsPapersPaged() {
		storedPaper('2', "First");
		storedPaper('3', "Second");
		PageResponse<PaperSummary> page = this.client.list(0, 1);
		assertThat(page.items()).hasSize(1);
		assertThat(page.size()).isEqualTo(1);
		assertThat(page.totalItems()).isGreaterThanOrEqualTo(2);
		assertThat(page.totalPages()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void anUnknownPaperIsA404Problem() {
		assertThatThrownBy(() -> this.client.get(UUID.randomUUID())).isInstanceOfSatisfying(
				HttpClientErrorException.NotFound.class,
				(ex) -> assertThat(ex.getResponseHeaders().getContentType().toString())
					.isEqualTo("application/problem+json"));
	}

	@Test
	void invalidParametersAre400ProblemsNamingTheParameter() throws Exception {
		HttpResponse<String> tooBig = get("/api/v1/papers?size=1000");
		assertThat(tooBig.statusCode()).isEqualTo(400);
		assertThat(tooBig.body()).contains("size");
		HttpResponse<String> notAnId = get("/api/v1/papers/not-a-uuid");
		assertThat(notAnId.statusCode()).isEqualTo(400);
		assertThat(notAnId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void referencesComeInOrderWithTheirRawStringAndTheLibraryPaperTheyResolveTo() {
		Paper cited = storedPaper('4', "The cited work");
		Paper citing = storedPaper('5', "The citing work");
		PaperReference first = new PaperReference(citing.getId(), 1, "[1] M. Curie, The cited work, Nature 1 (1903).");
		first.describe("The cited work", List.of("M. Curie"), 1903, "Nature", "10.1000/cited.1903", null);
		// CrossRef gave the DOI (found by title) and corrected the venue; the rest is as
		// parsed.
		first.recordSource("doi", new FieldSource("crossref", 0.75));
		first.recordSource("venue", new FieldSource("crossref", 0.75));
		first.resolveTo(cited.getId());
		first.setCitedOnPages(List.of(5, 2, 2));
		PaperReference second = new PaperReference(citing.getId(), 2, "[2] A. Nobody, Unknown, 1999.");
		second.describe(null, List.of("A. Nobody"), 1999, null, null, null);
		this.references.saveAll(List.of(second, first));

		PageResponse<ReferenceView> page = this.client.references(citing.getId(), 0, 10);
		assertThat(page.totalItems()).isEqualTo(2);
		assertThat(page.items()).extracting(ReferenceView::position).containsExactly(1, 2);
		ReferenceView resolved = page.items().getFirst();
		assertThat(resolved.raw()).isEqualTo("[1] M. Curie, The cited work, Nature 1 (1903).");
		assertThat(resolved.authors()).containsExactly("M. Curie");
		assertThat(resolved.resolvedPaper())
			.isEqualTo(new ReferenceView.ResolvedPaper(cited.getId(), "The cited work"));
		assertThat(resolved.citedOnPages()).containsExactly(2, 5);
		assertThat(resolved.provenance()).isEqualTo(
				Map.of("doi", new FieldProvenance("crossref", 0.75), "venue", new FieldProvenance("crossref", 0.75)));
		assertThat(page.items().get(1).provenance()).isEmpty();
		assertThat(page.items().get(1).citedOnPages()).isEmpty();
		assertThat(page.items().get(1).resolvedPaper()).isNull();
		assertThat(page.items().get(1).title()).isNull();
	}

	@Test
	void theNoteIsServedAsMarkdownAndA404BeforeItExists() throws Exception {
		Paper paper = storedPaper('6', "A paper with a note");
		assertThatThrownBy(() -> this.client.note(paper.getId())).isInstanceOf(HttpClientErrorException.NotFound.class);

		Path note = Files.createDirectories(WORKSPACE.resolve("notes")).resolve("A paper with a note.md");
		Files.writeString(note, "---\ntitle: \"A paper with a note\"\n---\n# A paper with a note\n");
		paper.setNotePath(note.toString());
		this.papers.save(paper);
		assertThat(this.client.note(paper.getId())).startsWith("---\ntitle: \"A paper with a note\"");
		HttpResponse<String> raw = get("/api/v1/papers/" + paper.getId() + "/note");
		assertThat(raw.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/markdown"));
	}

	@Test
	void aNoteOutsideTheNotesFolderIsNotServed() throws Exception {
		Path elsewhere = Files.createTempFile("elsewhere", ".md");
		Files.writeString(elsewhere, "private text");
		Paper paper = storedPaper('7', "A paper whose note path points elsewhere");
		paper.setNotePath(elsewhere.toString());
		this.papers.save(paper);
		HttpResponse<String> response = get("/api/v1/papers/" + paper.getId() + "/note");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("private text");
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/papers")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("X-API-Key", KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
