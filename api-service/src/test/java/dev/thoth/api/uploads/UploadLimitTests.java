package dev.thoth.api.uploads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Multipart;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * THOTH_UPLOAD_MAX_SIZE set small: a larger PDF is a 413 problem, refused while the
 * request is read, and nothing of it reaches the inbox, not even a temporary file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_UPLOAD_MAX_SIZE=64KB")
class UploadLimitTests {

	static final String KEY = "limit-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, workspace::toString, PORT);
	}

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aPdfOverTheLimitIsA413ProblemAndNothingIsStored() throws Exception {
		// Just over the file limit (within the request's room for framing), and far over.
		for (String file : new String[] { "Wang-paperAVE2008.pdf", "gadr.pdf" }) {
			byte[] pdf = Files.readAllBytes(CORPUS.resolve("pdfs").resolve(file));
			Multipart form = new Multipart().file("file", file, "application/pdf", pdf);
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/papers"))
					.header("X-API-Key", KEY)
					.header("Content-Type", form.contentType())
					.timeout(Duration.ofSeconds(30))
					.POST(form.publisher())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(file).isEqualTo(413);
			assertThat(response.headers().firstValue("Content-Type")).as(file).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"status\":413");
		}
		try (Stream<Path> files = Files.list(workspace.resolve("inbox"))) {
			assertThat(files).isEmpty();
		}
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isZero();
	}

	@Test
	void aPdfUnderTheLimitIsAccepted() throws Exception {
		byte[] small = ("%PDF-1.4\n" + "x".repeat(30_000) + "\n%%EOF\n").getBytes();
		Multipart form = new Multipart().file("file", "small.pdf", "application/pdf", small);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/papers"))
				.header("X-API-Key", KEY)
				.header("Content-Type", form.contentType())
				.timeout(Duration.ofSeconds(30))
				.POST(form.publisher())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(workspace.resolve("inbox").resolve("small.pdf")).exists();
		Files.delete(workspace.resolve("inbox").resolve("small.pdf"));
		this.jdbc.sql("delete from ingest_jobs").update();
	}

}
