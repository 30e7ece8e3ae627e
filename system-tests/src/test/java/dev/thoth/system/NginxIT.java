package dev.thoth.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.thoth.system.NginxIT.StandInGateway.Received;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The nginx configuration of {@code docker/nginx/templates}, rendered as the nginx image
 * renders it (the image's defaults from the Dockerfile, with local ports and folders),
 * checked by {@code nginx -t} and run: the real nginx binary in front of a local server
 * standing in for the gateway, once in production mode (TLS, HTTP/2) and once in
 * development mode (plain HTTP).
 */
class NginxIT {

	static final Path ROOT = Path.of(System.getProperty("thoth.root", "..")).toAbsolutePath().normalize();

	static final Path NGINX_DIR = ROOT.resolve("docker/nginx");

	/** Small in the test, so that a body over it is quick to send. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	static final String KEY_A = "nginx-it-key-a";

	static final String KEY_B = "nginx-it-key-b";

	static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dir;

	static StandInGateway gateway;

	/**
	 * Where the production nginx sends /grafana/ (the same kind of server, another port).
	 */
	static StandInGateway grafana;

	static EchoingGateway devGateway;

	static Nginx prod;

	static Nginx dev;

	/** Development mode in front of two gateway replicas behind one name. */
	static Nginx replicated;

	static List<StandInGateway> replicas;

	static ReplicaDns dns;

	static SSLContext trustingDevCert;

	static HttpClient client;

	@BeforeAll
	static void start() throws Exception {
		Path ssl = dir.resolve("ssl");
		Process cert = new ProcessBuilder(ROOT.resolve("scripts/make-dev-cert").toString(), "--dir", ssl.toString())
			.redirectErrorStream(true)
			.start();
		String certOutput = new String(cert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(cert.waitFor()).as(certOutput).isZero();
		trustingDevCert = trusting(ssl.resolve("cert.pem"));
		client = HttpClient.newBuilder()
			.sslContext(trustingDevCert)
			.version(HttpClient.Version.HTTP_2)
			.followRedirects(HttpClient.Redirect.NEVER)
			// Generous: other builds may share the machine's two cores.
			.connectTimeout(Duration.ofSeconds(30))
			.build();

		gateway = StandInGateway.start();
		grafana = StandInGateway.start();
		devGateway = EchoingGateway.start();
		prod = Nginx.render(dir.resolve("prod"), "prod", gateway.address(), ssl, null,
				Map.of("THOTH_GRAFANA_UPSTREAM", grafana.address()));
		dev = Nginx.render(dir.resolve("dev"), "dev", devGateway.address(), ssl, null, Map.of());
		prod.start();
		dev.start();

		// Two replicas on one port of two loopback addresses, as Docker's DNS would list
		// them.
		List<String> addresses = List.of("127.0.0.2", "127.0.0.3");
		replicas = StandInGateway.startReplicas(addresses);
		dns = ReplicaDns.start("thoth-gateway", addresses);
		replicated = Nginx.render(dir.resolve("replicas"), "dev", "thoth-gateway:" + replicas.getFirst().port(), ssl,
				dns.address() + " valid=1s ipv6=off", Map.of());
		replicated.start();
	}

	@AfterAll
	static void stop() {
		for (Nginx nginx : new Nginx[] { prod, dev, replicated }) {
			if (nginx != null) {
				nginx.stop();
			}
		}
		if (replicas != null) {
			replicas.forEach(StandInGateway::stop);
		}
		if (dns != null) {
			dns.stop();
		}
		if (gateway != null) {
			gateway.stop();
		}
		if (grafana != null) {
			grafana.stop();
		}
		if (devGateway != null) {
			devGateway.stop();
		}
	}

	// ---------------------------------------------------------------- configuration

	@Test
	void nginxAcceptsBothModes() throws Exception {
		for (Nginx nginx : List.of(prod, dev)) {
			Nginx.Result result = nginx.check();
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).contains("test is successful");
		}
	}

	@Test
	void theImageHasADefaultForEveryVariableTheTemplatesUse() throws IOException {
		Set<String> used = new TreeSet<>();
		for (String template : Nginx.templates().values()) {
			Matcher matcher = Pattern.compile("\\$\\{?(THOTH_[A-Z0-9_]+)").matcher(template);
			while (matcher.find()) {
				used.add(matcher.group(1));
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(Nginx.imageDefaults().keySet()).containsAll(used);
		assertThat(Files.readString(NGINX_DIR.resolve("README.md"))).contains(used);
	}

	@Test
	void theBodyLimitLeavesRoomForTheLargestUpload() throws IOException {
		long nginxLimit = bytes(Nginx.imageDefaults().get("THOTH_NGINX_MAX_BODY_SIZE"));
		// Every service that takes an upload: its default limit, as its configuration
		// says.
		Map<String, Long> uploadLimits = new LinkedHashMap<>();
		Pattern limit = Pattern.compile("\\$\\{(THOTH_UPLOAD_MAX_SIZE|THOTH_PDF_MAX_FILE_SIZE):([0-9]+[KMG]B)}");
		try (Stream<Path> files = Files.walk(ROOT, 6)) {
			for (Path file : files.filter((path) -> path.endsWith("src/main/resources/application.yml")).toList()) {
				Matcher matcher = limit.matcher(Files.readString(file));
				while (matcher.find()) {
					uploadLimits.put(ROOT.relativize(file) + " " + matcher.group(1), bytes(matcher.group(2)));
				}
			}
		}
		assertThat(uploadLimits).isNotEmpty();
		uploadLimits.forEach((where, bytes) -> {
			// Above the file limit (a multipart request adds its framing) but not far
			// above.
			assertThat(nginxLimit).as(where).isGreaterThan(bytes).isLessThanOrEqualTo(bytes + 4 * 1024 * 1024);
		});
	}

	// ---------------------------------------------------------------- production mode

	@Test
	void plainHttpRedirectsToHttpsButAnswersHealthChecks() throws Exception {
		HttpResponse<String> redirect = client.send(
				HttpRequest.newBuilder(prod.http("/redirect-check/papers?q=graph%20theory")).build(),
				BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(301);
		assertThat(redirect.headers().firstValue("Location"))
			.contains("https://127.0.0.1:" + prod.httpsPort() + "/redirect-check/papers?q=graph%20theory");
		assertThat(gateway.received("/redirect-check/papers")).isEmpty();

		for (String health : List.of("/health", "/nginx-health")) {
			HttpResponse<String> answer = client.send(HttpRequest.newBuilder(prod.http(health)).build(),
					BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(health).isEqualTo(200);
			assertThat(json.readTree(answer.body()).path("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void httpsSpeaksHttp2OverModernTlsWithSecurityHeaders() throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(prod.https("/api/v1/papers")).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.sslSession()).isPresent();
		assertThat(response.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
		assertSecurityHeaders(response);
		assertThat(response.headers().firstValue("Strict-Transport-Security").orElseThrow()).startsWith("max-age=")
			.contains("includeSubDomains");
		assertThat(response.headers().firstValue("Server")).contains("nginx");
	}

	@Test
	void aBodyOverTheLimitIsRefusedWithoutReachingTheGateway() throws Exception {
		HttpResponse<String> refused = client.send(HttpRequest.newBuilder(prod.https("/api/v1/papers/oversized"))
			.header("Content-Type", "application/pdf")
			.header("X-API-Key", KEY_A)
			.POST(BodyPublishers.ofByteArray(new byte[MAX_BODY_BYTES + 1]))
			.build(), BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
		JsonNode problem = json.readTree(refused.body());
		assertThat(problem.path("status").asInt()).isEqualTo(413);
		assertThat(problem.path("requestId").asString())
			.isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
		assertSecurityHeaders(refused);
		assertThat(gateway.received("/api/v1/papers/oversized")).isEmpty();

		HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(prod.https("/api/v1/papers/fits"))
			.header("Content-Type", "application/pdf")
			.header("X-API-Key", KEY_A)
			.POST(BodyPublishers.ofByteArray(new byte[MAX_BODY_BYTES / 2]))
			.build(), BodyHandlers.ofString());
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(gateway.received("/api/v1/papers/fits")).singleElement()
			.satisfies((received) -> assertThat(received.bodyBytes()).isEqualTo(MAX_BODY_BYTES / 2));
	}

	@Test
	void eventStreamsArriveEventByEvent() throws Exception {
		// The pipeline's events, and a stream on a path nginx has no special location
		// for;
		// over HTTP/1.1 too, where a buffering nginx would hold the first event back.
		for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
			for (String path : List.of("/api/v1/events", "/api/v1/research/answer/stream")) {
				CountDownLatch firstSeen = gateway.expectStream(path);
				HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(prod.https(path))
					.version(version)
					.header("Accept", "text/event-stream")
					.build(), BodyHandlers.ofLines());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.version()).isEqualTo(version);
				assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
				List<String> data = new ArrayList<>();
				try (Stream<String> lines = response.body()) {
					lines.filter((line) -> line.startsWith("data:")).forEach((line) -> {
						data.add(line);
						if (line.equals("data: first")) {
							firstSeen.countDown();
						}
					});
				}
				assertThat(data).containsExactly("data: first", "data: second");
				// The gateway held the second event back until the client had the first.
				assertThat(gateway.sentSecondAfterFirstArrived(path)).as(version + " " + path).isTrue();
			}
		}
	}

	@Test
	void webSocketUpgradesAreForwarded() throws Exception {
		try (SSLSocket socket = (SSLSocket) trustingDevCert.getSocketFactory()
			.createSocket("127.0.0.1", prod.httpsPort())) {
			socket.setSoTimeout(10_000);
			String response = upgrade(socket, "/agent/ws");
			assertThat(response).startsWith("HTTP/1.1 101");
		}
		Received upgrade = gateway.received("/agent/ws").getFirst();
		assertThat(upgrade.header("Upgrade")).isEqualToIgnoringCase("websocket");
		assertThat(upgrade.header("Connection")).isEqualToIgnoringCase("upgrade");
		assertThat(upgrade.header("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@Test
	void forwardedHeadersAndTheRequestIdReachTheGateway() throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(prod.https("/forwarded/given"))
			.header("X-Request-Id", "nginx-it-given-1")
			.header("X-Forwarded-For", "203.0.113.9")
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("nginx-it-given-1");
		Received given = gateway.received("/forwarded/given").getFirst();
		assertThat(given.header("X-Request-Id")).isEqualTo("nginx-it-given-1");
		// The client's own X-Forwarded-For is replaced by the address nginx saw.
		assertThat(given.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(given.header("X-Forwarded-Proto")).isEqualTo("https");
		assertThat(given.header("X-Forwarded-Host")).isEqualTo("localhost");
		assertThat(given.header("X-Forwarded-Port")).isEqualTo(Integer.toString(prod.httpsPort()));

		HttpResponse<String> generated = client.send(HttpRequest.newBuilder(prod.https("/forwarded/generated")).build(),
				BodyHandlers.ofString());
		String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(gateway.received("/forwarded/generated").getFirst().header("X-Request-Id")).isEqualTo(id);

		HttpResponse<String> malformed = client.send(HttpRequest.newBuilder(prod.https("/forwarded/malformed"))
			.header("X-Request-Id", "not a valid id; <script>")
			.build(), BodyHandlers.ofString());
		assertThat(malformed.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
		assertThat(gateway.received("/forwarded/malformed").getFirst().header("X-Request-Id"))
			.isEqualTo(malformed.headers().firstValue("X-Request-Id").orElseThrow());
	}

	@Test
	void grafanaIsServedUnderItsSubPathBehindItsOwnLogin() throws Exception {
		HttpResponse<String> health = client.send(HttpRequest.newBuilder(prod.https("/grafana/api/health"))
			.header("Authorization", "Basic YWRtaW46c2VjcmV0")
			.build(), BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertSecurityHeaders(health);
		// The path goes on unchanged (Grafana serves from the sub-path), and so does
		// Grafana's own credential; none of it reaches the gateway.
		Received received = grafana.received("/grafana/api/health").getFirst();
		assertThat(received.header("Authorization")).isEqualTo("Basic YWRtaW46c2VjcmV0");
		assertThat(received.header("X-Forwarded-Proto")).isEqualTo("https");
		assertThat(gateway.received("/grafana/api/health")).isEmpty();

		HttpResponse<String> bare = client.send(HttpRequest.newBuilder(prod.https("/grafana")).build(),
				BodyHandlers.ofString());
		assertThat(bare.statusCode()).isEqualTo(301);
		assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/grafana/");
	}

	@Test
	void withoutGrafanaItsPathAnswersAProblemNotTheGateway() throws Exception {
		// The development nginx keeps the image's default Grafana address, a name no
		// resolver here knows.
		HttpResponse<String> missing = client.send(HttpRequest.newBuilder(dev.http("/grafana/api/health")).build(),
				BodyHandlers.ofString());
		assertThat(missing.statusCode()).isEqualTo(502);
		assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(json.readTree(missing.body()).path("status").asInt()).isEqualTo(502);
	}

	@Test
	void noActuatorPathIsRoutedFromOutside() throws Exception {
		for (String path : List.of("/metrics", "/metrics/", "/actuator", "/actuator/prometheus", "/prometheus",
				"//metrics", "/%6detrics")) {
			for (URI uri : List.of(prod.https(path), dev.http(path))) {
				HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri)
					// As an internet client posing as an internal one.
					.header("X-Forwarded-For", "10.0.0.7")
					.header("X-API-Key", "any")
					.build(), BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(404);
				assertThat(answer.headers().firstValue("Content-Type")).as(uri.toString())
					.contains("application/problem+json");
				// nginx's own answer, not one passed on from the gateway.
				assertThat(json.readTree(answer.body()).path("detail").asString())
					.isEqualTo("Nothing is served at this path from outside.");
				assertThat(json.readTree(answer.body()).path("requestId").asString()).isNotBlank();
			}
			assertThat(gateway.received("/metrics")).as(path).isEmpty();
		}
	}

	@Test
	void theAccessLogIsJsonLines() throws Exception {
		client.send(HttpRequest.newBuilder(prod.https("/logged?page=2"))
			.header("X-Request-Id", "nginx-it-logged-1")
			.header("User-Agent", "nginx-it \"quoted\" agent")
			.build(), BodyHandlers.ofString());
		JsonNode line = await().atMost(Duration.ofSeconds(30))
			.until(() -> prod.accessLog()
				.stream()
				.filter((entry) -> entry.path("request_id").asString().equals("nginx-it-logged-1"))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(line.path("method").asString()).isEqualTo("GET");
		assertThat(line.path("uri").asString()).isEqualTo("/logged?page=2");
		assertThat(line.path("status").asInt()).isEqualTo(200);
		assertThat(line.path("protocol").asString()).isEqualTo("HTTP/2.0");
		assertThat(line.path("user_agent").asString()).isEqualTo("nginx-it \"quoted\" agent");
		assertThat(line.path("upstream_addr").asString()).isEqualTo(gateway.address());
		// The image's own http-level log gets nothing: each request is logged once, as
		// JSON.
		assertThat(Files.readString(prod.imageAccessLog())).isEmpty();
	}

	@Test
	void cacheableGetsAreCachedPerApiKey() throws Exception {
		String pdf = "/api/v1/papers/7f2c4e0a-1111-4222-8333-944455556666/pdf";

		HttpResponse<String> first = getPdf(pdf, "X-API-Key", KEY_A);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("X-Cache-Status")).contains("MISS");
		assertThat(first.body()).isEqualTo("%PDF-1.4 served for " + KEY_A);
		HttpResponse<String> second = getPdf(pdf, "X-API-Key", KEY_A);
		assertThat(second.headers().firstValue("X-Cache-Status")).contains("HIT");
		assertThat(second.body()).isEqualTo(first.body());
		assertSecurityHeaders(second);
		assertThat(gateway.received(pdf)).hasSize(1);

		// Another key, no key or a wrong key: never the response cached for key A.
		HttpResponse<String> otherKey = getPdf(pdf, "Authorization", "Bearer " + KEY_B);
		assertThat(otherKey.headers().firstValue("X-Cache-Status")).contains("MISS");
		assertThat(otherKey.body()).isEqualTo("%PDF-1.4 served for " + KEY_B);
		for (int attempt = 0; attempt < 2; attempt++) {
			HttpResponse<String> noKey = client.send(HttpRequest.newBuilder(prod.https(pdf)).build(),
					BodyHandlers.ofString());
			assertThat(noKey.statusCode()).isEqualTo(401);
			assertThat(noKey.headers().firstValue("X-Cache-Status")).contains("MISS");
			HttpResponse<String> wrongKey = getPdf(pdf, "X-API-Key", "not-the-key");
			assertThat(wrongKey.statusCode()).isEqualTo(401);
			assertThat(wrongKey.body()).doesNotContain("%PDF");
		}
		assertThat(gateway.received(pdf)).hasSize(6);

		// A PDF viewer's byte range, answered from the cached file.
		HttpResponse<String> range = client.send(
				HttpRequest.newBuilder(prod.https(pdf)).header("X-API-Key", KEY_A).header("Range", "bytes=0-3").build(),
				BodyHandlers.ofString());
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo("%PDF");
		assertThat(gateway.received(pdf)).hasSize(6);

		// The API description (public) is cached too; ordinary API answers are not.
		for (String expected : List.of("MISS", "HIT")) {
			HttpResponse<String> openApi = client
				.send(HttpRequest.newBuilder(prod.https("/api/v1/openapi.json")).build(), BodyHandlers.ofString());
			assertThat(openApi.statusCode()).isEqualTo(200);
			assertThat(openApi.headers().firstValue("X-Cache-Status")).contains(expected);
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			HttpResponse<String> search = client.send(
					HttpRequest.newBuilder(prod.https("/api/v1/search?q=cached")).header("X-API-Key", KEY_A).build(),
					BodyHandlers.ofString());
			assertThat(search.headers().firstValue("X-Cache-Status")).isEmpty();
		}
		assertThat(gateway.received("/api/v1/search")).hasSize(2);
	}

	// ---------------------------------------------------------------- development mode

	@Test
	void developmentServesPlainHttpWithoutRedirect() throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(dev.http("/api/v1/papers")).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		Map<String, String> seen = devGateway.lastHeaders();
		assertThat(seen).containsEntry("x-forwarded-proto", "http");
		assertThat(seen).containsKey("x-request-id");
	}

	@Test
	void developmentWebSocketsRelayBothWays() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", dev.httpPort())) {
			socket.setSoTimeout(10_000);
			assertThat(upgrade(socket, "/agent/ws")).startsWith("HTTP/1.1 101");
			// After the upgrade nginx is a tunnel: bytes go to the gateway and back.
			socket.getOutputStream().write("ping over the tunnel".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			byte[] echoed = socket.getInputStream().readNBytes("ping over the tunnel".length());
			assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo("ping over the tunnel");
		}
	}

	// ---------------------------------------------------------------- replicas

	@Test
	void requestsSpreadOverEveryReplicaAndSkipADeadOne() throws Exception {
		for (int request = 0; request < 30; request++) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(replicated.http("/api/v1/replicas/spread")).build(),
					BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		// The name was looked up while nginx ran, and every address it gave got requests.
		assertThat(dns.queries()).isPositive();
		for (StandInGateway replica : replicas) {
			assertThat(replica.received("/api/v1/replicas/spread")).as(replica.address()).isNotEmpty();
		}

		replicas.getFirst().stop();
		for (int request = 0; request < 20; request++) {
			HttpResponse<String> read = client.send(
					HttpRequest.newBuilder(replicated.http("/api/v1/replicas/after-kill")).build(),
					BodyHandlers.ofString());
			assertThat(read.statusCode()).isEqualTo(200);
			// A refused connection means nothing was sent, so even a POST may go on.
			HttpResponse<String> write = client.send(HttpRequest.newBuilder(replicated.http("/api/v1/replicas/post"))
				.POST(BodyPublishers.ofString("{}"))
				.build(), BodyHandlers.ofString());
			assertThat(write.statusCode()).isEqualTo(200);
		}
		assertThat(replicas.get(1).received("/api/v1/replicas/after-kill")).hasSize(20);
		assertThat(replicas.get(1).received("/api/v1/replicas/post")).hasSize(20);

		// With no replica left, nginx answers for the gateway, as a problem.
		replicas.get(1).stop();
		HttpResponse<String> none = client.send(HttpRequest.newBuilder(replicated.http("/api/v1/replicas/none"))
			.header("X-Request-Id", "nginx-it-502")
			.build(), BodyHandlers.ofString());
		assertThat(none.statusCode()).isEqualTo(502);
		assertThat(none.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(json.readTree(none.body()).path("requestId").asString()).isEqualTo("nginx-it-502");
	}

	// ---------------------------------------------------------------- helpers

	private HttpResponse<String> getPdf(String path, String header, String value) throws Exception {
		return client.send(HttpRequest.newBuilder(prod.https(path)).header(header, value).build(),
				BodyHandlers.ofString());
	}

	private static void assertSecurityHeaders(HttpResponse<?> response) {
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
		assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly("frame-ancestors 'none'");
		assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
		assertThat(response.headers().allValues("Strict-Transport-Security")).hasSize(1);
	}

	/** Sends a WebSocket upgrade request and returns the response head. */
	private static String upgrade(Socket socket, String path) throws IOException {
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return readHead(socket.getInputStream());
	}

	static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			head.append((char) next);
		}
		return head.toString();
	}

	private static SSLContext trusting(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("thoth-dev", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	static long bytes(String size) {
		Matcher matcher = Pattern.compile("([0-9]+)([kKmMgG])?[bB]?").matcher(size.strip());
		assertThat(matcher.matches()).as(size).isTrue();
		long number = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2).toLowerCase(Locale.ROOT) : "";
		return switch (unit) {
			case "k" -> number * 1024;
			case "m" -> number * 1024 * 1024;
			case "g" -> number * 1024 * 1024 * 1024;
			default -> number;
		};
	}

	/** An nginx with the rendered templates, in a folder of its own. */
	record Nginx(Path prefix, Path conf, int httpPort, int httpsPort, List<Process> running) {

		/** The templates, by their path under templates/. */
		static Map<String, String> templates() throws IOException {
			Path templates = NGINX_DIR.resolve("templates");
			Map<String, String> found = new LinkedHashMap<>();
			try (Stream<Path> files = Files.walk(templates)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".template")).sorted().toList()) {
					found.put(templates.relativize(file).toString(), Files.readString(file));
				}
			}
			return found;
		}

		/** The THOTH_* defaults the Dockerfile sets. */
		static Map<String, String> imageDefaults() throws IOException {
			String dockerfile = Files.readString(NGINX_DIR.resolve("Dockerfile"));
			Map<String, String> defaults = new LinkedHashMap<>();
			Matcher matcher = Pattern.compile("(THOTH_[A-Z0-9_]+)=(\"[^\"]*\"|\\S+)").matcher(dockerfile);
			while (matcher.find()) {
				defaults.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
			}
			return defaults;
		}

		/**
		 * Renders the templates as the nginx image's entrypoint does (envsubst of the
		 * listed variables, output under conf.d/), with the image's defaults except for
		 * ports, folders and the gateway's address; and a main nginx.conf like the
		 * image's.
		 */
		static Nginx render(Path prefix, String mode, String gatewayAddress, Path ssl, String resolver,
				Map<String, String> overrides) throws IOException {
			int httpPort = FreePorts.next();
			int httpsPort = FreePorts.next();
			Map<String, String> variables = new LinkedHashMap<>(imageDefaults());
			variables.put("THOTH_NGINX_MODE", mode);
			variables.put("THOTH_GATEWAY_UPSTREAM", gatewayAddress);
			if (resolver != null) {
				variables.put("THOTH_NGINX_RESOLVER", resolver);
			}
			variables.put("THOTH_NGINX_HTTP_LISTEN", "127.0.0.1:" + httpPort);
			variables.put("THOTH_NGINX_HTTPS_LISTEN", "127.0.0.1:" + httpsPort);
			variables.put("THOTH_NGINX_PUBLIC_HTTPS_PORT", Integer.toString(httpsPort));
			variables.put("THOTH_NGINX_SSL_DIR", ssl.toString());
			variables.put("THOTH_NGINX_MAX_BODY_SIZE", (MAX_BODY_BYTES / 1024 / 1024) + "m");
			variables.put("THOTH_NGINX_CACHE_DIR", prefix.resolve("cache").toString());
			variables.put("THOTH_NGINX_ACCESS_LOG", prefix.resolve("logs/access.json").toString());
			variables.putAll(overrides);
			for (Map.Entry<String, String> template : templates().entrySet()) {
				String text = template.getValue();
				for (Map.Entry<String, String> variable : variables.entrySet()) {
					text = text.replace("${" + variable.getKey() + "}", variable.getValue());
				}
				assertThat(text).as(template.getKey()).doesNotContain("${THOTH_").doesNotContain("$THOTH_");
				Path output = prefix.resolve("conf.d").resolve(template.getKey().replaceAll("\\.template$", ""));
				Files.createDirectories(output.getParent());
				Files.writeString(output, text);
			}
			for (String folder : List.of("logs", "temp")) {
				Files.createDirectories(prefix.resolve(folder));
			}
			Path imageAccessLog = prefix.resolve("logs/image-access.log");
			Files.writeString(imageAccessLog, "");
			// As the image's nginx.conf, with this run's own pid, log and temporary paths
			// (the test may run as root: workers then run as root too, so they can
			// read and write the temporary folder).
			String main = """
					%s
					worker_processes 1;
					daemon off;
					pid %s;
					error_log %s notice;
					events { worker_connections 256; }
					http {
					    default_type application/octet-stream;
					    access_log %s;
					    sendfile on;
					    keepalive_timeout 65;
					    client_body_temp_path %s;
					    proxy_temp_path %s;
					    fastcgi_temp_path %s;
					    uwsgi_temp_path %s;
					    scgi_temp_path %s;
					    include conf.d/*.conf;
					}
					""".formatted(isRoot() ? "user root root;" : "", prefix.resolve("nginx.pid"),
					prefix.resolve("logs/error.log"), imageAccessLog, prefix.resolve("temp/body"),
					prefix.resolve("temp/proxy"), prefix.resolve("temp/fastcgi"), prefix.resolve("temp/uwsgi"),
					prefix.resolve("temp/scgi"));
			Path conf = prefix.resolve("nginx.conf");
			Files.writeString(conf, main);
			return new Nginx(prefix, conf, httpPort, httpsPort, new ArrayList<>());
		}

		private static boolean isRoot() {
			return "root".equals(System.getProperty("user.name"));
		}

		record Result(int exitCode, String output) {
		}

		Result check() throws Exception {
			Process process = new ProcessBuilder(TestServers.nginxBinary(), "-t", "-c", this.conf.toString(), "-p",
					this.prefix + "/")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return new Result(process.exitValue(), output);
		}

		void start() throws Exception {
			Result check = check();
			assertThat(check.exitCode()).as(check.output()).isZero();
			Process process = new ProcessBuilder(TestServers.nginxBinary(), "-c", this.conf.toString(), "-p",
					this.prefix + "/")
				.redirectErrorStream(true)
				.redirectOutput(this.prefix.resolve("logs/nginx.out").toFile())
				.start();
			this.running.add(process);
			HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
				assertThat(process.isAlive()).as(() -> log("logs/nginx.out")).isTrue();
				return plain.send(HttpRequest.newBuilder(http("/nginx-health")).build(), BodyHandlers.discarding())
					.statusCode() == 200;
			});
		}

		void stop() {
			for (Process process : this.running) {
				process.destroy();
				try {
					if (!process.waitFor(10, TimeUnit.SECONDS)) {
						process.destroyForcibly();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					process.destroyForcibly();
				}
			}
		}

		URI http(String path) {
			return URI.create("http://127.0.0.1:" + this.httpPort + path);
		}

		URI https(String path) {
			return URI.create("https://localhost:" + this.httpsPort + path);
		}

		Path imageAccessLog() {
			return this.prefix.resolve("logs/image-access.log");
		}

		List<JsonNode> accessLog() throws IOException {
			List<JsonNode> entries = new ArrayList<>();
			for (String line : Files.readAllLines(this.prefix.resolve("logs/access.json"))) {
				entries.add(json.readTree(line));
			}
			return entries;
		}

		private String log(String name) {
			try {
				return Files.readString(this.prefix.resolve(name));
			}
			catch (IOException ex) {
				return "(no " + name + ")";
			}
		}

	}

	/**
	 * Stands in for the gateway: answers like the services (their security headers,
	 * no-store, 401 without a key), streams events, accepts WebSocket upgrades, and
	 * records what reached it.
	 */
	static final class StandInGateway {

		record Received(String method, String path, Headers headers, long bodyBytes) {

			String header(String name) {
				return this.headers.getFirst(name);
			}

		}

		private static final Pattern PDF = Pattern.compile("/api/v1/papers/[^/]+/pdf");

		private final HttpServer server;

		private final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final Map<String, CountDownLatch> streams = new ConcurrentHashMap<>();

		private final Map<String, Boolean> secondAfterFirst = new ConcurrentHashMap<>();

		private StandInGateway(HttpServer server) {
			this.server = server;
		}

		static StandInGateway start() throws IOException {
			return start(new InetSocketAddress("127.0.0.1", 0));
		}

		/** One gateway on each address, all on the same port. */
		static List<StandInGateway> startReplicas(List<String> addresses) throws IOException {
			IOException last = null;
			for (int attempt = 0; attempt < 5; attempt++) {
				List<StandInGateway> started = new ArrayList<>();
				try {
					started.add(start(new InetSocketAddress(addresses.getFirst(), 0)));
					int port = started.getFirst().port();
					for (String address : addresses.subList(1, addresses.size())) {
						started.add(start(new InetSocketAddress(address, port)));
					}
					return started;
				}
				catch (IOException ex) {
					// The port was taken on another address; try another one.
					started.forEach(StandInGateway::stop);
					last = ex;
				}
			}
			throw last;
		}

		static StandInGateway start(InetSocketAddress address) throws IOException {
			HttpServer server = HttpServer.create(address, 0);
			StandInGateway gateway = new StandInGateway(server);
			server.createContext("/", gateway::handle);
			server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return gateway;
		}

		String address() {
			return this.server.getAddress().getAddress().getHostAddress() + ":" + port();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		void stop() {
			this.server.stop(0);
		}

		List<Received> received(String path) {
			return this.received.stream().filter((request) -> request.path().equals(path)).toList();
		}

		CountDownLatch expectStream(String path) {
			CountDownLatch latch = new CountDownLatch(1);
			this.streams.put(path, latch);
			return latch;
		}

		boolean sentSecondAfterFirstArrived(String path) {
			return this.secondAfterFirst.getOrDefault(path, false);
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				long bodyBytes = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
				String path = exchange.getRequestURI().getPath();
				this.received.add(
						new Received(exchange.getRequestMethod(), path, copy(exchange.getRequestHeaders()), bodyBytes));
				Headers response = exchange.getResponseHeaders();
				// What Spring Security adds to every answer of the services.
				response.set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
				response.set("X-Content-Type-Options", "nosniff");
				response.set("X-Frame-Options", "DENY");
				response.set("X-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
				if (this.streams.containsKey(path)) {
					stream(exchange, path);
				}
				else if ("websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Upgrade"))) {
					response.set("Upgrade", "websocket");
					response.set("Connection", "Upgrade");
					exchange.sendResponseHeaders(101, -1);
				}
				else if (PDF.matcher(path).matches()) {
					String key = key(exchange.getRequestHeaders());
					if (key == null) {
						send(exchange, 401, "application/problem+json",
								"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
					}
					else {
						response.set("Accept-Ranges", "bytes");
						send(exchange, 200, "application/pdf", "%PDF-1.4 served for " + key);
					}
				}
				else if (path.equals("/api/v1/openapi.json")) {
					send(exchange, 200, "application/json", "{\"openapi\":\"3.1.0\"}");
				}
				else {
					send(exchange, 200, "application/json", "{\"path\":\"" + path + "\"}");
				}
			}
		}

		/** Sends one event, waits until the client has it, then sends the second. */
		private void stream(HttpExchange exchange, String path) throws IOException {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream body = exchange.getResponseBody();
			body.write("id: 1\ndata: first\n\n".getBytes(StandardCharsets.UTF_8));
			body.flush();
			boolean arrived;
			try {
				arrived = this.streams.get(path).await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				arrived = false;
			}
			this.secondAfterFirst.put(path, arrived);
			body.write("id: 2\ndata: second\n\n".getBytes(StandardCharsets.UTF_8));
			body.flush();
		}

		private static String key(Headers headers) {
			String apiKey = headers.getFirst("X-API-Key");
			String authorization = headers.getFirst("Authorization");
			String candidate = (apiKey != null) ? apiKey
					: (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
							: null;
			return (KEY_A.equals(candidate) || KEY_B.equals(candidate)) ? candidate : null;
		}

		private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", type);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}

		private static Headers copy(Headers headers) {
			Headers copy = new Headers();
			headers.forEach(copy::put);
			return copy;
		}

	}

	/**
	 * The development nginx's gateway: a plain socket server, because the JDK's HTTP
	 * server cannot hand over a connection after 101. Upgraded connections echo every
	 * byte back; other requests get a small JSON answer.
	 */
	static final class EchoingGateway {

		private final ServerSocket server;

		private volatile Map<String, String> lastHeaders = Map.of();

		private EchoingGateway(ServerSocket server) {
			this.server = server;
		}

		static EchoingGateway start() throws IOException {
			ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
			EchoingGateway gateway = new EchoingGateway(server);
			Thread.ofVirtual().start(gateway::accept);
			return gateway;
		}

		String address() {
			return "127.0.0.1:" + this.server.getLocalPort();
		}

		Map<String, String> lastHeaders() {
			return this.lastHeaders;
		}

		void stop() {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				// Closing is best effort at the end of the test.
			}
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					Thread.ofVirtual().start(() -> serve(socket));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket socket) {
			try (socket) {
				socket.setSoTimeout(30_000);
				String head = readHead(socket.getInputStream());
				Map<String, String> headers = new LinkedHashMap<>();
				for (String line : head.split("\r\n")) {
					int colon = line.indexOf(':');
					if (colon > 0) {
						headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
								line.substring(colon + 1).strip());
					}
				}
				this.lastHeaders = headers;
				OutputStream out = socket.getOutputStream();
				if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) {
					out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					byte[] buffer = new byte[4096];
					int read;
					while ((read = socket.getInputStream().read(buffer)) > 0) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
				else {
					byte[] body = "{\"gateway\":\"dev\"}".getBytes(StandardCharsets.UTF_8);
					out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
							+ "\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					new ByteArrayInputStream(body).transferTo(out);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The connection ended; nothing to answer.
			}
		}

	}

	/**
	 * A DNS server that answers A queries for one name with several addresses, as
	 * Docker's embedded DNS answers for a scaled service; every other query gets no
	 * address.
	 */
	static final class ReplicaDns {

		private final DatagramSocket socket;

		private final String name;

		private final List<byte[]> addresses;

		private final AtomicInteger queries = new AtomicInteger();

		private ReplicaDns(DatagramSocket socket, String name, List<byte[]> addresses) {
			this.socket = socket;
			this.name = name;
			this.addresses = addresses;
		}

		static ReplicaDns start(String name, List<String> addresses) throws IOException {
			List<byte[]> raw = new ArrayList<>();
			for (String address : addresses) {
				raw.add(InetAddress.getByName(address).getAddress());
			}
			ReplicaDns dns = new ReplicaDns(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)), name, raw);
			Thread.ofVirtual().start(dns::serve);
			return dns;
		}

		String address() {
			return "127.0.0.1:" + this.socket.getLocalPort();
		}

		int queries() {
			return this.queries.get();
		}

		void stop() {
			this.socket.close();
		}

		private void serve() {
			byte[] buffer = new byte[512];
			while (!this.socket.isClosed()) {
				try {
					DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
					this.socket.receive(packet);
					byte[] answer = answer(Arrays.copyOf(packet.getData(), packet.getLength()));
					if (answer != null) {
						this.socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
					}
				}
				catch (IOException ex) {
					// Closed at the end of the test, or one bad packet: go on while open.
				}
			}
		}

		/** The response to one query: the question repeated, then the A records. */
		private byte[] answer(byte[] query) {
			if (query.length < 12) {
				return null;
			}
			int position = 12;
			StringBuilder asked = new StringBuilder();
			while (position < query.length && query[position] != 0) {
				int length = query[position] & 0xff;
				if (asked.length() > 0) {
					asked.append('.');
				}
				asked.append(new String(query, position + 1, length, StandardCharsets.US_ASCII));
				position += length + 1;
			}
			int questionEnd = position + 5;
			if (questionEnd > query.length) {
				return null;
			}
			int type = ((query[position + 1] & 0xff) << 8) | (query[position + 2] & 0xff);
			boolean known = asked.toString().equalsIgnoreCase(this.name);
			if (known) {
				this.queries.incrementAndGet();
			}
			List<byte[]> records = (known && type == 1) ? this.addresses : List.of();
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			out.write(query[0]);
			out.write(query[1]);
			out.write(0x81);
			out.write(known ? 0x80 : 0x83); // NOERROR, or NXDOMAIN for any other name
			out.writeBytes(new byte[] { 0, 1, 0, (byte) records.size(), 0, 0, 0, 0 });
			out.write(query, 12, questionEnd - 12);
			for (byte[] address : records) {
				// A pointer to the name in the question, type A, class IN, TTL 1 s.
				out.writeBytes(new byte[] { (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4 });
				out.writeBytes(address);
			}
			return out.toByteArray();
		}

	}

}
