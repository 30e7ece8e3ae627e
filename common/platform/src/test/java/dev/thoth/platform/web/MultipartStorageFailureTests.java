package dev.thoth.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.thoth.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload the container cannot store is the server's failure: a 507 problem and an
 * error in the log, never a 400 that blames the client's file. The container's temporary
 * folder is placed under a regular file, where no folder can be made (as root too), as a
 * full disk fails every write.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "THOTH_API_SECRET_KEY=" + ServletPlatformTests.KEY,
				"THOTH_WORKSPACE_DIR=${java.io.tmpdir}/thoth-ws", "spring.application.name=platform-test" })
@ExtendWith(OutputCaptureExtension.class)
class MultipartStorageFailureTests {

	@DynamicPropertySource
	static void unwritableUploadFolder(DynamicPropertyRegistry registry) {
		try {
			Path notAFolder = Files.createTempFile("thoth-not-a-folder", ".txt");
			notAFolder.toFile().deleteOnExit();
			registry.add("spring.servlet.multipart.location", () -> notAFolder.resolve("uploads").toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Test
	void anUploadTheServerCannotStoreIsA507ProblemAndAnErrorInTheLog(CapturedOutput output) throws Exception {
		String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"paper.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4 a well-formed file\r\n--b--\r\n";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/upload"))
				.timeout(Duration.ofSeconds(10))
				.header("X-API-Key", ServletPlatformTests.KEY)
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(507);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(507);
		assertThat(problem.get("detail").asString()).contains("could not store the upload")
			.doesNotContain("Exception")
			.doesNotContain("thoth-not-a-folder");
		assertThat(problem.has("requestId")).isTrue();
		assertThat(output).contains("ERROR").contains("could not be stored").contains("answered 507");
	}

}
