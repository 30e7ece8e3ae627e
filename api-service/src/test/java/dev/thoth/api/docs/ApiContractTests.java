package dev.thoth.api.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Library;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schemathesis fuzzes every operation of the served OpenAPI document against the running
 * API with a small library in it: no input may cause a 5xx, and every response must match
 * the document (status, media type, schema), invalid input must be refused and valid
 * input accepted, and a wrong key must never get in.
 */
// Event streams end after a second: each generated call of /events would otherwise hold
// the run for the whole request timeout.
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "THOTH_RATE_LIMIT_PER_MINUTE=0", "thoth.events.timeout=1s" })
class ApiContractTests {

	static final String KEY = "contract-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY,
				() -> System.getProperty("java.io.tmpdir") + "/thoth-ws-contract", PORT);
	}

	@Autowired
	PaperRepository papers;

	@Autowired
	VectorStore store;

	@Autowired
	Embedder embedder;

	@Test
	void everyOperationHoldsToTheDocumentUnderGeneratedInput() throws Exception {
		String schemathesis = System.getenv("THOTH_TEST_SCHEMATHESIS");
		assertThat(schemathesis).as("THOTH_TEST_SCHEMATHESIS (set by scripts/test-services start)").isNotBlank();
		Library library = new Library(this.papers, this.store, this.embedder);
		library.add("Bi-criteria scheduling of moldable jobs", Library.SCHEDULING);
		library.add("Water use of desert succulents", Library.DESERT_PLANTS);
		// One paper with its PDF and note on disk, so those operations answer too.
		Paper filed = library.add("Architectural decision records", Library.DECISIONS);
		Path workspace = Path.of(System.getProperty("java.io.tmpdir"), "thoth-ws-contract");
		Path pdf = Files.createDirectories(workspace.resolve("papers")).resolve("decisions.pdf");
		Files.copy(Path.of(System.getProperty("thoth.corpus"), "pdfs", "gadr.pdf"), pdf,
				StandardCopyOption.REPLACE_EXISTING);
		Path note = Files.createDirectories(workspace.resolve("notes")).resolve("decisions.md");
		Files.writeString(note, "---\ntitle: Architectural decision records\n---\n\nA note.\n");
		filed.setFilePath(pdf.toString());
		filed.setNotePath(note.toString());
		this.papers.save(filed);

		// The first request builds the document; schemathesis gives loading it only 10 s.
		HttpResponse<String> document = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/openapi.json"))
				.timeout(Duration.ofMinutes(2))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(document.statusCode()).as(document.body()).isEqualTo(200);

		Path report = Path.of("target", "schemathesis.txt");
		Files.createDirectories(report.getParent());
		Process process = new ProcessBuilder(schemathesis, "--no-color", "run",
				"http://127.0.0.1:" + PORT + "/api/v1/openapi.json", "--header", "X-API-Key: " + KEY, "--checks", "all",
				// Rules across fields that a JSON schema cannot state are refused with a
				// 400
				// naming the field, which this check would count against the API: a
				// research
				// query needs a keyword, category or author; a tag cannot merge into
				// itself;
				// tag names exclude control and unassigned characters. Every other check
				// runs.
				"--exclude-checks", "positive_data_acceptance", "--max-examples", "25", "--workers", "1", "--seed",
				"20261125", "--request-timeout", "60")
			.redirectErrorStream(true)
			.redirectOutput(report.toFile())
			.start();
		boolean finished = process.waitFor(15, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = Files.readString(report, StandardCharsets.UTF_8);
		assertThat(finished).as("schemathesis finished within 15 minutes:\n" + output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("API Operations:");
		// Every operation in the document was exercised.
		assertThat(output.lines().filter((line) -> line.strip().startsWith("Tested:")).toList()).as(output)
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(List.of(line.strip().split("\\s+")).getLast()).isEqualTo(output.lines()
				.filter((selected) -> selected.strip().startsWith("Selected:"))
				.findFirst()
				.map((selected) -> selected.strip().split("\\s+")[1].split("/")[1])
				.orElseThrow()));
	}

}
