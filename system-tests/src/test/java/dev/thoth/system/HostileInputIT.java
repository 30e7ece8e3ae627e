package dev.thoth.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running suite, through the gateway, under input an attacker would send: every
 * parameter and JSON field of every operation in the API's own OpenAPI document, each
 * with every hostile value, and schemathesis with negative data; uploads near and over
 * the limit. The property that must hold for all of them: no 5xx, and every 4xx a
 * problem-details body that says what was wrong (naming the parameter or field it was
 * in).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

	@TempDir
	static Path temp;

	static Launcher launcher;

	static String key;

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	/** Values no client should send, as text (parameters) and as JSON (body fields). */
	static final List<String> HOSTILE_TEXT = List.of("\u0000", "nul\u0000inside", "\u0001\u001f\u007f",
			"\u202e\u2066bidi", "\u200b\u200c", ",", ",,%2C", "", " ", "x".repeat(100_000), "9".repeat(400), "-1e999",
			"NaN", "../../etc/passwd", "<script>alert(1)</script>", "' or '1'='1", "\uFFFD\uFFFE");

	static final List<String> HOSTILE_JSON = List.of("\"\\u0000\"", "\"a\\ud800b\"", "\"\\udfff\"",
			"\"\\u202e\\u2066\"", "\"\"", "\",\"", "\"" + "y".repeat(100_000) + "\"", "9".repeat(400), "-1e999", "true",
			"[]", "{}", "null", "[".repeat(3_000) + "]".repeat(3_000), "\"../../etc/passwd\"");

	/** Known-good values for the path and required parameters that are not under test. */
	static final Map<String, String> valid = new LinkedHashMap<>();

	static JsonNode document;

	@BeforeAll
	static void upWithALibrary() throws Exception {
		launcher = new Launcher(temp);
		launcher.environment.put("THOTH_RATE_LIMIT_PER_MINUTE", "0");
		// An event stream that the fuzzing opens ends soon instead of after 30 minutes.
		launcher.environment.put("THOTH_EVENTS_TIMEOUT", "2s");
		Launcher.Result up = launcher.run("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		key = launcher.apiKey();
		Files.copy(CORPUS.resolve("pdfs/gadr.pdf"), launcher.workspace.resolve("inbox/gadr.pdf"));
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		String paperId = null;
		while (paperId == null && System.nanoTime() < deadline) {
			JsonNode items = json.readTree(gateway("GET", "/api/v1/papers?status=READY", null).body()).get("items");
			paperId = items.isEmpty() ? null : items.get(0).get("id").asString();
			Thread.sleep(1000);
		}
		assertThat(paperId).as("the corpus paper is READY").isNotNull();
		valid.put("paperId", paperId);
		valid.put("id", paperId);
		gateway("PUT", "/api/v1/papers/" + paperId + "/tags/botany", null);
		JsonNode tags = json.readTree(gateway("GET", "/api/v1/tags", null).body()).get("items");
		valid.put("tagId", tags.get(0).get("id").asString());
		HttpResponse<String> query = gateway("POST", "/api/v1/research-queries",
				"{\"name\":\"hostile\",\"keywords\":[\"stomata\"]}");
		valid.put("queryId", json.readTree(query.body()).get("id").asString());
		JsonNode jobs = json.readTree(gateway("GET", "/api/v1/jobs", null).body()).get("items");
		valid.put("jobId", jobs.get(0).get("id").asString());
		valid.put("name", "botany");
		// The first search loads the embedding model; later ones are quick.
		assertThat(gateway("GET", "/api/v1/search?q=warm", null).statusCode()).isEqualTo(200);
		HttpResponse<String> described = gateway("GET", "/api/v1/openapi.json", null);
		assertThat(described.statusCode()).isEqualTo(200);
		document = json.readTree(described.body());
	}

	@AfterAll
	static void down() throws Exception {
		if (launcher != null) {
			launcher.run("down");
		}
	}

	@Test
	void everyHostileValueInEveryParameterIsRefusedAsAProblemOrServed() throws Exception {
		List<String> failures = new ArrayList<>();
		int requests = 0;
		for (Operation operation : operations()) {
			for (JsonNode parameter : operation.parameters()) {
				String in = parameter.get("in").asString();
				if (!in.equals("query") && !in.equals("path")) {
					continue;
				}
				String name = parameter.get("name").asString();
				for (String hostile : HOSTILE_TEXT) {
					String path = operation.path(name, hostile);
					requests++;
					String problem;
					try {
						problem = judge(send(operation.method(), path, operation.validBody()),
								in.equals("query") ? name : null);
					}
					catch (IOException ex) {
						problem = "no answer: " + ex;
					}
					if (problem != null) {
						failures.add(operation + " " + name + "=" + shorten(hostile) + ": " + problem);
					}
				}
			}
		}
		assertThat(requests).isGreaterThan(200);
		assertThat(failures).as(requests + " requests").isEmpty();
	}

	@Test
	void everyHostileValueInEveryJsonFieldIsRefusedAsAProblemOrServed() throws Exception {
		List<String> failures = new ArrayList<>();
		int requests = 0;
		for (Operation operation : operations()) {
			JsonNode schema = operation.jsonBodySchema();
			if (schema == null) {
				continue;
			}
			List<String> fields = new ArrayList<>();
			schema.path("properties").propertyNames().forEach(fields::add);
			for (String field : fields) {
				for (String hostile : HOSTILE_JSON) {
					ObjectNode body = (ObjectNode) json.readTree(operation.validBody());
					String text = json.writeValueAsString(body);
					String withHostile = text.equals("{}") ? "{\"" + field + "\":" + hostile + "}"
							: text.substring(0, text.length() - 1) + ",\"" + field + "\":" + hostile + "}";
					requests++;
					String problem;
					try {
						problem = judge(send(operation.method(), operation.path(null, null), withHostile), field);
					}
					catch (IOException ex) {
						problem = "no answer: " + ex;
					}
					if (problem != null) {
						failures.add(operation + " " + field + "=" + shorten(hostile) + ": " + problem);
					}
				}
			}
			for (String malformed : List.of("{", "[".repeat(5_000), "\"just a string\"", "{\"a\":1,}")) {
				HttpResponse<String> response = send(operation.method(), operation.path(null, null), malformed);
				requests++;
				String problem = judge(response, null);
				if (problem != null) {
					failures.add(operation + " body " + shorten(malformed) + ": " + problem);
				}
			}
		}
		assertThat(requests).isGreaterThan(100);
		assertThat(failures).as(requests + " requests").isEmpty();
	}

	@Test
	void schemathesisWithNegativeDataFindsNoServerErrorThroughTheGateway() throws Exception {
		String schemathesis = System.getenv("THOTH_TEST_SCHEMATHESIS");
		assertThat(schemathesis).as("THOTH_TEST_SCHEMATHESIS (set by scripts/test-services start)").isNotBlank();
		Path report = temp.resolve("schemathesis.txt");
		Process process = new ProcessBuilder(schemathesis, "--no-color", "run", gatewayUrl("/api/v1/openapi.json"),
				"--header", "X-API-Key: " + key, "--header", "Authorization: Bearer " + key, "--mode", "all",
				"--checks", "not_a_server_error", "--max-examples", "8", "--workers", "1", "--seed", "20261204",
				"--request-timeout", "60")
			.redirectErrorStream(true)
			.redirectOutput(report.toFile())
			.start();
		boolean finished = process.waitFor(10, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = Files.readString(report, StandardCharsets.UTF_8);
		assertThat(finished).as("schemathesis finished within 10 minutes:\n" + output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("API Operations:").doesNotContain("Server error");
	}

	@Test
	@Order(Integer.MAX_VALUE) // last: the monitor then reads the large file while nothing
								// else is measured
	void aLargeUploadStreamsThroughTheGatewayAndOneOverTheLimitIsA413() throws Exception {
		Path big = temp.resolve("big.pdf");
		try (OutputStream out = Files.newOutputStream(big)) {
			out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
			byte[] block = new byte[1 << 20];
			new java.util.Random(12).nextBytes(block);
			for (int i = 0; i < 150; i++) {
				out.write(block);
			}
		}
		HttpResponse<String> accepted = upload(big);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

		try (var file = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.WRITE)) {
			file.truncate(0);
		}
		try (OutputStream out = Files.newOutputStream(big)) {
			out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[200 * 1024 * 1024 + 1 - 9]);
		}
		HttpResponse<String> tooLarge = upload(big);
		assertThat(judge(tooLarge, null)).isNull();
		assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
		Files.delete(big);

		// Announced far over the limit: refused before a byte of the body is read.
		try (Socket socket = new Socket("127.0.0.1", launcher.ports.get("gateway"))) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream()
				.write(("POST /api/v1/papers HTTP/1.1\r\nHost: x\r\nX-API-Key: " + key
						+ "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 9000000000\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String answer = readHead(socket.getInputStream());
			assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
		}
	}

	// ---------------------------------------------------------------- the document

	record Operation(String method, String template, List<JsonNode> parameters, JsonNode body) {

		String path(String fuzzed, String hostile) {
			String path = this.template;
			StringBuilder query = new StringBuilder();
			for (JsonNode parameter : this.parameters) {
				String name = parameter.get("name").asString();
				String in = parameter.get("in").asString();
				String value;
				if (name.equals(fuzzed)) {
					value = hostile;
				}
				else if (in.equals("path") || parameter.path("required").asBoolean(false)) {
					value = (parameter.has("example") && !valid.containsKey(name)) ? parameter.get("example").asString()
							: validValue(name, parameter.path("schema"));
				}
				else {
					continue;
				}
				String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
				if (in.equals("path")) {
					path = path.replace("{" + name + "}", encoded);
				}
				else if (in.equals("query")) {
					query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encoded);
				}
			}
			return path + query;
		}

		JsonNode jsonBodySchema() {
			JsonNode content = this.body.path("content").path("application/json");
			if (content.isMissingNode()) {
				content = this.body.path("content").path("application/merge-patch+json");
			}
			return content.isMissingNode() ? null : resolve(content.path("schema"));
		}

		/**
		 * The body's required fields with valid values ({} when it has none), and what a
		 * rule across fields also needs.
		 */
		String validBody() {
			JsonNode schema = jsonBodySchema();
			if (schema == null) {
				return null;
			}
			ObjectNode body = json.createObjectNode();
			if (this.template.startsWith("/api/v1/research-queries")) {
				// At least one keyword, category or author (a rule no JSON schema
				// states).
				body.putArray("keywords").add("stomata");
			}
			for (JsonNode required : schema.path("required")) {
				String field = required.asString();
				JsonNode property = resolve(schema.path("properties").path(field));
				if (property.path("type").asString("").equals("array")) {
					body.putArray(field).add(validValue(field, property.path("items")));
				}
				else {
					body.put(field, validValue(field, property));
				}
			}
			return json.writeValueAsString(body);
		}

		@Override
		public String toString() {
			return this.method + " " + this.template;
		}

	}

	static List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").properties().iterator();
		while (paths.hasNext()) {
			Map.Entry<String, JsonNode> path = paths.next();
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
					continue;
				}
				List<JsonNode> parameters = new ArrayList<>();
				method.getValue().path("parameters").forEach(parameters::add);
				operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
						parameters, method.getValue().path("requestBody")));
			}
		}
		return operations;
	}

	static JsonNode resolve(JsonNode schema) {
		JsonNode resolved = schema;
		while (resolved.has("$ref")) {
			String name = resolved.get("$ref").asString().replace("#/components/schemas/", "");
			resolved = document.get("components").get("schemas").get(name);
		}
		return resolved;
	}

	static String validValue(String name, JsonNode schema) {
		JsonNode resolved = resolve(schema);
		// A rule the schema states only in words (a quote of three words, a DOI) has its
		// example.
		if (resolved.has("example") && !valid.containsKey(name)) {
			return resolved.get("example").asString();
		}
		String format = resolved.path("format").asString("");
		if (format.equals("uuid") || name.toLowerCase(java.util.Locale.ROOT).endsWith("id")) {
			return switch (name) {
				case "paperId", "id" -> valid.get("paperId");
				case "jobId" -> valid.get("jobId");
				default -> valid.getOrDefault(name, UUID.randomUUID().toString());
			};
		}
		if (resolved.has("enum")) {
			return resolved.get("enum").get(0).asString();
		}
		return switch (resolved.path("type").asString("string")) {
			case "integer", "number" -> "1";
			case "boolean" -> "true";
			default -> valid.getOrDefault(name, "stomata");
		};
	}

	// ---------------------------------------------------------------- judging answers

	/**
	 * Null when the answer is acceptable: a 2xx or 3xx, or a 4xx problem that says what
	 * is wrong (and, for a 400 about a named parameter or field, names it).
	 */
	static String judge(HttpResponse<String> response, String named) {
		if (response == null) {
			return null; // a stream the request opened and the client stopped waiting for
		}
		int status = response.statusCode();
		if (status >= 500) {
			return "server error " + status + ": " + shorten(response.body());
		}
		if (status < 400) {
			return null;
		}
		if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			return status + " without a problem body: " + shorten(response.body());
		}
		JsonNode problem;
		try {
			problem = json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return status + " with a body that is not JSON: " + shorten(response.body());
		}
		if (problem.path("status").asInt() != status || problem.path("detail").asString("").isBlank()) {
			return status + " problem without status or detail: " + shorten(response.body());
		}
		if (problem.path("detail").asString().contains("[Ljava")
				|| problem.path("detail").asString().contains("Exception")) {
			return status + " problem leaks internals: " + shorten(response.body());
		}
		if (status == 400 && named != null && !problem.path("detail").asString().contains(named)
				&& !problem.path("detail").asString().startsWith("body")
				&& !problem.path("detail").asString().startsWith("The request body")) {
			return "400 does not name " + named + ": " + shorten(response.body());
		}
		return null;
	}

	static HttpResponse<String> send(String method, String path, String body) throws Exception {
		try {
			return gateway(method, path, body);
		}
		catch (HttpTimeoutException ex) {
			// An event stream the request was allowed to open: not an error.
			return null;
		}
	}

	static HttpResponse<String> gateway(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl(path)))
			.timeout(Duration.ofSeconds(20))
			.header("X-API-Key", key);
		if (body != null) {
			request.header("Content-Type",
					method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> upload(Path file) throws Exception {
		String boundary = "thoth-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl("/api/v1/papers")))
			.timeout(Duration.ofMinutes(5))
			.header("X-API-Key", key)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
					HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static String gatewayUrl(String path) {
		return "http://127.0.0.1:" + launcher.ports.get("gateway") + path;
	}

	static String readHead(InputStream in) throws IOException {
		byte[] buffer = new byte[4096];
		int read = in.read(buffer);
		return (read > 0) ? new String(buffer, 0, read, StandardCharsets.UTF_8) : "";
	}

	static String shorten(String text) {
		String printable = (text == null) ? "null" : text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 160) ? printable : printable.substring(0, 160) + "…";
	}

}
