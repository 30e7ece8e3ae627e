package dev.thoth.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.gateway.upstream.AddressResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.thoth.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway over real HTTP, in front of small local servers standing in for the
 * services: the API as three replicas on 127.0.0.2-4 behind one host name, the agent as
 * one server, discovery as a port nothing listens on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayTests {

	static final String KEY = "gateway-test-key-" + UUID.randomUUID();

	/** A raw upload's request line and headers: 5 MB announced, over the 4 MB limit. */
	private static final byte[] UPLOAD_OF_5_MB_HEADERS = ("POST /api/v1/papers HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
			+ "\r\nContent-Type: application/pdf\r\nContent-Length: " + 5 * 1024 * 1024 + "\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	static final String REPLICAS_HOST = "api-replicas.test";

	static final int API_PORT = FreePorts.next();

	static final List<Upstream> replicas = new ArrayList<>(List.of(new Upstream("a", "127.0.0.2", API_PORT),
			new Upstream("b", "127.0.0.3", API_PORT), new Upstream("c", "127.0.0.4", API_PORT)));

	static final int AGENT_PORT = FreePorts.next();

	static final Upstream agent = new Upstream("agent", "127.0.0.1", AGENT_PORT);

	static final int DEAD_PORT = FreePorts.next();

	static final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	LoadBalancerClientFactory loadBalancers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		registry.add("THOTH_CORS_ORIGINS", () -> "https://app.example");
		registry.add("THOTH_RATE_LIMIT_PER_MINUTE", () -> "0");
		registry.add("THOTH_API_URL", () -> "http://" + REPLICAS_HOST + ":" + API_PORT);
		registry.add("THOTH_AGENT_URL", () -> "http://127.0.0.1:" + AGENT_PORT);
		registry.add("THOTH_DISCOVERY_URL", () -> "http://127.0.0.1:" + DEAD_PORT);
		registry.add("THOTH_MCP_URL", () -> "http://127.0.0.1:" + AGENT_PORT);
		registry.add("THOTH_GATEWAY_AGENT_TIMEOUT", () -> "1000");
		registry.add("THOTH_GATEWAY_HEALTH_INTERVAL", () -> "500ms");
		registry.add("thoth.gateway.circuit-breaker.minimum-calls", () -> "4");
		registry.add("thoth.gateway.circuit-breaker.sliding-window", () -> "4");
		registry.add("thoth.gateway.circuit-breaker.open-for", () -> "5m");
		registry.add("THOTH_UPLOAD_MAX_SIZE", () -> "4MB");
	}

	@TestConfiguration
	static class Replicas {

		/**
		 * The replicas' host name answers with their three addresses, as Compose DNS
		 * does.
		 */
		@Bean
		@Primary
		AddressResolver replicaAddresses() {
			AddressResolver system = AddressResolver.system();
			return (host) -> REPLICAS_HOST.equals(host) ? List.of(InetAddress.getByName("127.0.0.2"),
					InetAddress.getByName("127.0.0.3"), InetAddress.getByName("127.0.0.4")) : system.resolve(host);
		}

	}

	@Test
	@Order(1)
	void healthIsOpenAndEverythingElseNeedsTheKey() throws Exception {
		assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
		HttpResponse<String> anonymous = get("/api/v1/papers", Map.of());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
		assertThat(get("/api/v1/papers", Map.of("X-API-Key", "wrong")).statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/papers", Map.of("Authorization", "Bearer " + KEY)).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/papers", Map.of("X-API-Key", KEY)).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void requestsSpreadOverEveryReplica() throws Exception {
		awaitInstances(3);
		replicas.forEach((replica) -> replica.hits.set(0));
		for (int i = 0; i < 30; i++) {
			assertThat(authorized("/api/v1/papers?i=" + i).statusCode()).isEqualTo(200);
		}
		for (Upstream replica : replicas) {
			assertThat(replica.hits.get()).as("requests replica %s received", replica.name).isGreaterThan(5);
		}
	}

	@Test
	@Order(3)
	void aKilledReplicaCostsTheClientNothingAndIsDropped() throws Exception {
		awaitInstances(3);
		Upstream doomed = replicas.remove(1);
		doomed.close();
		// At once, before any health check noticed: refused connections are retried on
		// the next replica, for requests safe to repeat.
		for (int i = 0; i < 30; i++) {
			HttpResponse<String> response = authorized("/api/v1/papers?after-kill=" + i);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		// Then the health checks take it out of the rotation.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(instances()).extracting(ServiceInstance::getHost)
				.containsExactly("127.0.0.2", "127.0.0.4"));
		replicas.forEach((replica) -> replica.hits.set(0));
		for (int i = 0; i < 20; i++) {
			assertThat(authorized("/api/v1/papers?later=" + i).statusCode()).isEqualTo(200);
		}
		assertThat(replicas.stream().mapToInt((replica) -> replica.hits.get()).sum()).isEqualTo(20);
		assertThat(replicas).allSatisfy((replica) -> assertThat(replica.hits.get()).isGreaterThan(5));
	}

	@Test
	@Order(4)
	void aServiceErrorIsPassedOnAsItIsAndNotRetried() throws Exception {
		replicas.forEach((replica) -> replica.hits.set(0));
		HttpResponse<String> response = authorized("/api/v1/broken");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEqualTo("broken");
		assertThat(replicas.stream().mapToInt((replica) -> replica.hits.get()).sum()).isEqualTo(1);
	}

	@Test
	@Order(4)
	void theRequestIdIsAcceptedPassedOnAndReturned() throws Exception {
		HttpResponse<String> given = get("/api/v1/papers", Map.of("X-API-Key", KEY, "X-Request-Id", "client-id-42"));
		assertThat(given.body()).contains("request-id=client-id-42");
		assertThat(given.headers().allValues("X-Request-Id")).containsExactly("client-id-42");

		HttpResponse<String> generated = authorized("/api/v1/papers");
		String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).isNotBlank().isNotEqualTo("set-by-upstream");
		assertThat(generated.body()).contains("request-id=" + id);
	}

	@Test
	@Order(5)
	void forwardedHeadersFromATrustedProxyReachTheService() throws Exception {
		// The test client is on 127.0.0.1, a trusted proxy (as nginx is on the network).
		HttpResponse<String> response = get("/api/v1/papers",
				Map.of("X-API-Key", KEY, "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https"));
		assertThat(response.body()).contains("x-forwarded-proto=https");
		// The client first (the services' rate limit counts per client), then the proxy.
		assertThat(response.body()).contains("x-forwarded-for=203.0.113.7, 127.0.0.1\n");
	}

	@Test
	@Order(6)
	void serverSentEventsArriveOneByOne() throws Exception {
		Upstream replica = replicas.get(0);
		List<Long> arrivals = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/events"))
			.header("X-API-Key", KEY)
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<Stream<String>> response = this.http.send(request, HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		response.body().filter((line) -> line.startsWith("data:")).forEach((line) -> {
			arrivals.add(System.nanoTime());
			lines.add(line);
		});
		assertThat(lines).containsExactly("data: 0", "data: 1", "data: 2", "data: 3", "data: 4");
		List<Long> sent = replicas.stream()
			.map((candidate) -> candidate.eventsSent)
			.filter((events) -> events.size() == 5)
			.findFirst()
			.orElseThrow();
		// Unbuffered: the first event reached the client before the last one was sent.
		assertThat(arrivals.get(0)).isLessThan(sent.get(4));
		replica.eventsSent.clear();
	}

	@Test
	@Order(7)
	void aStreamOutlivesTheRouteTimeout() throws Exception {
		// The agent's timeout here is 1 s; its stream lasts 2 s.
		HttpRequest request = HttpRequest.newBuilder(uri("/agent/stream"))
			.header("X-API-Key", KEY)
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
			.build();
		HttpResponse<Stream<String>> response = this.http.send(request, HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().filter((line) -> line.startsWith("data:"))).hasSize(5);
	}

	@Test
	@Order(8)
	void aWebSocketIsEchoedThroughTheGateway() throws Exception {
		List<String> received = new ArrayList<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		WebSocket socket = this.http.newWebSocketBuilder()
			.header("X-API-Key", KEY)
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/agent/ws"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					received.add(data.toString());
					if (received.size() == 2) {
						done.complete(null);
					}
					webSocket.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
		socket.sendText("again", true).get(5, TimeUnit.SECONDS);
		done.get(10, TimeUnit.SECONDS);
		assertThat(received).containsExactly("echo:hello", "echo:again");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
	}

	@Test
	@Order(9)
	void aSlowServiceIsAGatewayTimeoutProblem() throws Exception {
		HttpResponse<String> response = authorized("/agent/slow");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("detail").asString()).contains("agent");
		assertThat(problem.get("instance").asString()).isEqualTo("/agent/slow");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
	}

	@Test
	@Order(10)
	void aDeadServiceOpensItsCircuitAndAnswersAProblem() throws Exception {
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = authorized("/discovery/runs");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json.readTree(response.body()).get("detail").asString())
				.isEqualTo("The discovery service is unavailable.");
		}
		// The breaker is open now: even once the service is back, the gateway waits.
		try (Upstream discovery = new Upstream("discovery", "127.0.0.1", DEAD_PORT)) {
			HttpResponse<String> response = authorized("/discovery/runs");
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.get("detail").asString()).contains("discovery").contains("circuit open");
			assertThat(problem.get("requestId").asString()).isNotBlank();
			assertThat(response.body()).doesNotContain("Exception");
		}
	}

	@Test
	@Order(11)
	void corsPreflightFromAnAllowedOrigin() throws Exception {
		HttpRequest preflight = HttpRequest.newBuilder(uri("/api/v1/papers"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "x-api-key")
			.build();
		HttpResponse<String> allowed = this.http.send(preflight, HttpResponse.BodyHandlers.ofString());
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");

		HttpRequest other = HttpRequest.newBuilder(uri("/api/v1/papers"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.build();
		assertThat(this.http.send(other, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

		HttpResponse<String> actual = get("/api/v1/papers", Map.of("X-API-Key", KEY, "Origin", "https://app.example"));
		assertThat(actual.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://app.example");
	}

	@Test
	@Order(12)
	void aPathNoRouteServesIsA404Problem() throws Exception {
		HttpResponse<String> response = authorized("/nowhere/at-all");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("title").asString()).isEqualTo("Not Found");
		assertThat(problem.get("detail").asString()).isEqualTo("Nothing is served at /nowhere/at-all.");
		assertThat(problem.get("instance").asString()).isEqualTo("/nowhere/at-all");
		assertThat(problem.get("requestId").asString())
			.isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
		assertThat(response.body()).doesNotContain("timestamp").doesNotContain("Exception");
		// Without the key the path is not even looked up.
		assertThat(get("/nowhere", Map.of()).statusCode()).isEqualTo(401);
	}

	@Test
	@Order(13)
	void anUploadStreamsToTheServiceWhileTheClientIsStillSending() throws Exception {
		long before = uploadBytes();
		PipedOutputStream client = new PipedOutputStream();
		PipedInputStream body = new PipedInputStream(client, 64 * 1024);
		CompletableFuture<HttpResponse<String>> answer = this.http
			.sendAsync(HttpRequest.newBuilder(uri("/api/v1/papers"))
				.header("X-API-Key", KEY)
				.header("Content-Type", "application/pdf")
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
				.build(), HttpResponse.BodyHandlers.ofString());
		byte[] megabyte = new byte[1024 * 1024];
		client.write(megabyte);
		client.flush();
		// Most of the first megabyte is at the service before the rest is even written
		// (some
		// of it may still sit in the buffers on the way): a gateway that held the body
		// until its end would never get here.
		await().atMost(Duration.ofSeconds(20)).until(() -> uploadBytes() - before >= megabyte.length / 2);
		client.write(megabyte);
		client.close();
		HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(response.body()).contains("bytes=" + 2 * megabyte.length);
	}

	@Test
	@Order(14)
	void aBodyAnnouncedOverTheUploadLimitIsA413ProblemAndNeverSent() throws Exception {
		int hitsBefore = replicas.stream().mapToInt((replica) -> replica.hits.get()).sum();
		HttpResponse<String> response = refusedUpload(
				HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024]));
		assertProblem(response, 413);
		assertThat(json.readTree(response.body()).get("detail").asString()).contains("4MB")
			.contains("THOTH_UPLOAD_MAX_SIZE");
		assertThat(replicas.stream().mapToInt((replica) -> replica.hits.get()).sum()).isEqualTo(hitsBefore);
		// The client may stop sending once it has the answer: it must not send another
		// request on this connection.
		assertThat(response.headers().firstValue("Connection")).hasValue("close");
		// And the server does close it, with most of the body never sent, rather than
		// wait for the rest.
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(UPLOAD_OF_5_MB_HEADERS);
			socket.getOutputStream().write(new byte[64 * 1024]);
			socket.getOutputStream().flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
		}
	}

	@Test
	@Order(14)
	void aClientStillUploadingARefusedBodyGetsTheAnswerOnceItHasSentIt() throws Exception {
		// Many clients read the answer only once they have sent the whole body. The
		// server keeps reading while the upload goes on, well past the 2 s it waits for
		// a silent client, rather than closing on unread bytes: that close is a reset,
		// and the answer waiting to be read would be lost with it.
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(UPLOAD_OF_5_MB_HEADERS);
			for (int slice = 0; slice < 14; slice++) {
				out.write(new byte[16 * 1024]);
				out.flush();
				Thread.sleep(300);
			}
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
		}
	}

	@Test
	@Order(15)
	void aStreamedBodyThatGrowsOverTheLimitIsCutOffWithA413Problem() throws Exception {
		// Sent chunked, with no Content-Length: the gateway counts as it streams.
		HttpResponse<String> response = refusedUpload(
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[6 * 1024 * 1024])));
		assertProblem(response, 413);
		// The rest of the body was never read: the connection is not used again.
		assertThat(response.headers().firstValue("Connection")).hasValue("close");
	}

	@Test
	@Order(16)
	void metricsAreInternalOnlyWhenNoProxySpeaksForAnInternetClient() throws Exception {
		assertThat(get("/metrics", Map.of()).statusCode()).isEqualTo(200);
		assertThat(get("/metrics", Map.of("X-Forwarded-For", "10.1.2.3")).statusCode()).isEqualTo(200);
		for (Map<String, String> forwarded : List.of(Map.of("X-Forwarded-For", "8.8.8.8"),
				Map.of("X-Forwarded-For", "10.1.2.3, 8.8.8.8"), Map.of("X-Real-IP", "203.0.113.9"),
				Map.of("Forwarded", "for=198.51.100.17;proto=https"), Map.of("Forwarded", "for=\"[2001:db8::1]:4711\""),
				Map.of("X-Forwarded-For", "unknown"))) {
			HttpResponse<String> response = get("/metrics", forwarded);
			assertThat(response.statusCode()).as(forwarded.toString()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("jvm_");
		}
		assertThat(get("/metrics", Map.of("X-Forwarded-For", "8.8.8.8", "X-API-Key", KEY)).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(16)
	void aKeptAliveConnectionReadsTheRequestAfterOneThatWaitedAndWasAnsweredAtOnce() throws Exception {
		// Two requests in one write: the second arrives while the first is still being
		// answered (proxied), so it waits, and is then refused at once (no key). The
		// connection must go on reading: the third request once went unread for good
		// (reactor/reactor-netty#4361; the GET left unanswered here now and then).
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			out.write(("GET /api/v1/papers?first HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
					+ "\r\n\r\nGET /api/v1/papers?second HTTP/1.1\r\nHost: x\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
			assertThat(readResponse(in)).startsWith("HTTP/1.1 401");
			out.write("GET /api/v1/papers?third HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readResponse(in)).as("the third request's answer").startsWith("HTTP/1.1 401");
		}
	}

	@Test
	@Order(17)
	void answersTheServerWritesItselfAreProblemsToo() throws Exception {
		HttpResponse<String> longUri = authorized("/api/v1/papers?q=" + "x".repeat(10_000));
		assertProblem(longUri, 414);
		HttpResponse<String> largeHeaders = get("/api/v1/papers",
				Map.of("X-API-Key", KEY, "X-Padding", "y".repeat(20_000)));
		assertProblem(largeHeaders, 431);
		// The server closes what it could not decode, and says so: a client does not
		// send its next request, perhaps a PATCH it would not retry, on a dead
		// connection.
		assertThat(longUri.headers().firstValue("Connection")).hasValue("close");
		assertThat(largeHeaders.headers().firstValue("Connection")).hasValue("close");
		// Refused by the security firewall (an encoded slash): a problem, not an empty
		// 400.
		assertProblem(authorized("/api/v1/papers/..%2F..%2Fetc%2Fpasswd"), 400);
		String malformed = raw("GET /api/v1/papers HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n");
		assertThat(malformed).startsWith("HTTP/1.1 400");
		assertThat(malformed).contains("application/problem+json").contains("\"status\":400");
	}

	@Test
	@Order(18)
	void anAnswerToARequestTooLongToReadReachesAClientStillSendingIt() throws Exception {
		// A 100,000-character path with a body behind it: the server refuses the request
		// line and closes, while the client is still writing. Closed at once, the
		// connection was reset and the client read nothing at all.
		byte[] request = ("PUT /api/v1/papers/" + "x".repeat(100_000) + "/retraction HTTP/1.1\r\nHost: x\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 200000\r\n\r\n" + "{".repeat(200_000))
			.getBytes(StandardCharsets.US_ASCII);
		for (int attempt = 0; attempt < 5; attempt++) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(10_000);
				Thread writer = Thread.ofVirtual().start(() -> {
					try {
						socket.getOutputStream().write(request);
						socket.getOutputStream().flush();
					}
					catch (IOException ex) {
						// The server stopped reading: what matters is the answer.
					}
				});
				String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				writer.join(Duration.ofSeconds(10));
				assertThat(answer).as("attempt " + attempt)
					.startsWith("HTTP/1.1 414")
					.contains("application/problem+json");
			}
		}
	}

	/**
	 * An upload over the limit, on a client of its own: the gateway answers before the
	 * body is sent and closes the connection, and a connection left half-written must not
	 * go back to the pool the next tests' requests use (one of them, after the 5 MB
	 * upload, once waited until its time-out).
	 */
	private HttpResponse<String> refusedUpload(HttpRequest.BodyPublisher body) throws Exception {
		HttpClient oneShot = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		try {
			return oneShot.send(HttpRequest.newBuilder(uri("/api/v1/papers"))
				.header("X-API-Key", KEY)
				.header("Content-Type", "application/pdf")
				.POST(body)
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		finally {
			oneShot.shutdownNow();
		}
	}

	/**
	 * One response read off a kept-alive connection: its head, then a body of
	 * Content-Length bytes or in chunks, skipped.
	 */
	private static String readResponse(InputStream in) throws IOException {
		String head = readHead(in);
		String lower = head.toLowerCase(Locale.ROOT);
		int length = lower.indexOf("\r\ncontent-length:");
		if (length >= 0) {
			int end = lower.indexOf("\r\n", length + 2);
			in.readNBytes(Integer.parseInt(head.substring(length + 17, end).strip()));
		}
		else if (lower.contains("\r\ntransfer-encoding: chunked")) {
			for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
				in.readNBytes(size + 2);
			}
			in.readNBytes(2);
		}
		return head;
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("the connection closed after: " + head);
			}
			head.append((char) next);
		}
		return head.toString();
	}

	private static int chunkSize(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				throw new IOException("the connection closed in a chunked body");
			}
			line.append((char) next);
		}
		return Integer.parseInt(line.toString().strip().split(";")[0], 16);
	}

	private String raw(String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.get("requestId").asString()).isNotBlank();
	}

	private static long uploadBytes() {
		return replicas.stream().mapToLong((replica) -> replica.uploadBytes.get()).sum();
	}

	private List<ServiceInstance> instances() {
		return this.loadBalancers.getInstance("api", ServiceInstanceListSupplier.class)
			.get()
			.blockFirst(Duration.ofSeconds(5));
	}

	private void awaitInstances(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> instances().size() == count);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> authorized(String path) throws Exception {
		return get(path, Map.of("X-API-Key", KEY));
	}

	private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
		headers.forEach(request::header);
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			// A GET here went unanswered for 20 s now and then in CI; the dump of this
			// JVM's threads (the gateway runs in it) showed the connection unread
			// until the client gave up, which led to reactor/reactor-netty#4361 (see
			// KeepAliveReadResumption). Kept for any stall to come.
			throw new AssertionError(
					"GET " + path + " " + headers + " got no answer in 20 s; the threads:\n" + threadDump(), ex);
		}
	}

	private static String threadDump() {
		StringBuilder dump = new StringBuilder();
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState()).append('\n');
			for (StackTraceElement frame : thread.getStackTrace()) {
				dump.append("\tat ").append(frame).append('\n');
			}
		}
		return dump.toString();
	}

	@AfterAll
	static void stopUpstreams() {
		replicas.forEach(Upstream::close);
		agent.close();
	}

}
