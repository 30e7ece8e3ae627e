package dev.thoth.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises a newcomer: {@code ./thoth up} on embedded defaults only (no
 * Redis, no ChromaDB, no model), the corpus and some bad files dropped in the inbox, and
 * then, through the API: every paper with its metadata, the bad files in quarantine with
 * their reasons, a phrase search that finds its paper first, and a question answered with
 * a citation to the right paper and page.
 */
class NewcomerJourneyIT {

	@TempDir
	static Path temp;

	static Launcher launcher;

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	static final List<String> BAD = List.of("empty.pdf", "notpdf.pdf", "truncated-0807.3577.pdf");

	static List<JsonNode> papers;

	@BeforeAll
	static void upAndDropTheCorpus() throws Exception {
		launcher = new Launcher(temp);
		Launcher.Result up = launcher.run("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		Path inbox = launcher.workspace.resolve("inbox");
		try (Stream<Path> pdfs = Files.list(CORPUS.resolve("pdfs"))) {
			for (Path pdf : pdfs.toList()) {
				Files.copy(pdf, inbox.resolve(pdf.getFileName()));
			}
		}
		for (String bad : BAD) {
			Files.copy(CORPUS.resolve("bad").resolve(bad), inbox.resolve(bad));
		}
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (true) {
			papers = readyPapers();
			boolean inboxEmpty;
			try (Stream<Path> left = Files.list(inbox)) {
				inboxEmpty = left.findAny().isEmpty();
			}
			if ((papers.size() == 6 && inboxEmpty) || System.nanoTime() > deadline) {
				break;
			}
			Thread.sleep(1000);
		}
	}

	@AfterAll
	static void down() throws Exception {
		if (launcher != null) {
			launcher.run("down");
		}
	}

	@Test
	void everyCorpusPaperIsReadyWithItsTitle() throws Exception {
		List<String> titles = papers.stream().map((paper) -> normalize(paper.get("title").asString())).toList();
		JsonNode truth = json.readTree(Files.readString(CORPUS.resolve("truth.json")));
		List<String> expected = new ArrayList<>();
		truth.get("papers").forEach((paper) -> expected.add(normalize(paper.get("title").asString())));
		assertThat(titles).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void everyBadFileIsInQuarantineWithItsReason() throws Exception {
		Map<String, String> reasons = Map.of("empty.pdf", "reason: empty", "notpdf.pdf", "reason: not_pdf",
				"truncated-0807.3577.pdf", "reason: truncated");
		Path quarantine = launcher.workspace.resolve("quarantine");
		for (var entry : reasons.entrySet()) {
			assertThat(quarantine.resolve(entry.getKey())).exists();
			assertThat(Files.readString(quarantine.resolve(entry.getKey() + ".reason.txt"))).contains(entry.getValue());
		}
	}

	@Test
	void aPhraseFromEachPaperFindsItFirst() throws Exception {
		for (JsonNode paper : papers) {
			String title = paper.get("title").asString();
			JsonNode hits = api("/api/v1/search?k=5&q=" + URLEncoder.encode(title, StandardCharsets.UTF_8)).get("hits");
			assertThat(hits.isEmpty()).as(title).isFalse();
			assertThat(hits.get(0).get("paperId").asString()).as(title).isEqualTo(paper.get("id").asString());
		}
	}

	@Test
	void aQuestionAnsweredInOnePaperCitesItsPage() throws Exception {
		String paperId = papers.stream()
			.filter((paper) -> paper.get("title").asString().startsWith("Apparent and average accelerations"))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
		HttpResponse<String> response = http.send(request("/api/v1/ask").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"How does the volume deceleration parameter "
					+ "of the Buchert averaging scheme relate to the one derived from supernova observations?\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = json.readTree(response.body());
		assertThat(answer.get("answered").asBoolean()).as(response.body()).isTrue();
		JsonNode citation = answer.get("citations").get(0);
		assertThat(citation.get("paperId").asString()).isEqualTo(paperId);
		assertThat(citation.get("page").asInt()).isBetween(1, 15);
		assertThat(citation.get("pdfUrl").asString())
			.isEqualTo("/api/v1/papers/" + paperId + "/pdf#page=" + citation.get("page").asInt());
	}

	@Test
	void eachPaperHasItsNoteAndReferences() throws Exception {
		for (JsonNode paper : papers) {
			String id = paper.get("id").asString();
			HttpResponse<String> note = http.send(request("/api/v1/papers/" + id + "/note").GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(note.statusCode()).isEqualTo(200);
			assertThat(note.body()).startsWith("---\ntitle: ");
			assertThat(api("/api/v1/papers/" + id + "/references").get("totalItems").asInt()).isPositive();
		}
	}

	private static List<JsonNode> readyPapers() throws Exception {
		List<JsonNode> ready = new ArrayList<>();
		api("/api/v1/papers?size=100").get("items").forEach((paper) -> {
			if ("READY".equals(paper.get("status").asString())) {
				ready.add(paper);
			}
		});
		return ready;
	}

	private static JsonNode api(String path) throws Exception {
		HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpRequest.Builder request(String path) throws Exception {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launcher.ports.get("api") + path))
			.header("X-API-Key", launcher.apiKey())
			.timeout(Duration.ofSeconds(60));
	}

	private static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
	}

}
