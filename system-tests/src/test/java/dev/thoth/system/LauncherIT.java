package dev.thoth.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole suite from the real jars: {@code ./thoth up} on the embedded database, with
 * real Redis and ChromaDB passed through the environment; every port's /health and
 * /metrics; the gateway in front of the API; then up again, status and down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

	@TempDir
	static Path temp;

	static Launcher launcher;

	static Launcher.Result up;

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void up() throws Exception {
		launcher = new Launcher(temp);
		launcher.environment.put("THOTH_REDIS_URL", TestServers.redisUrl());
		launcher.environment.put("THOTH_CHROMADB_URL", TestServers.chromadbUrl());
		up = launcher.run("up");
	}

	@AfterAll
	static void down() throws Exception {
		if (launcher != null) {
			launcher.run("down");
		}
	}

	@Test
	@Order(1)
	void upStartsEveryServiceAndSaysWhere() {
		assertThat(up.exitCode()).as(up.output()).isZero();
		for (int port : launcher.ports.values()) {
			assertThat(up.output()).contains("http://127.0.0.1:" + port);
		}
		assertThat(up.output()).contains(launcher.state.resolve("api-key").toString());
	}

	@Test
	@Order(2)
	void theApiKeyIsGeneratedPrivate() throws Exception {
		Path key = launcher.state.resolve("api-key");
		assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(launcher.apiKey()).hasSizeGreaterThanOrEqualTo(32);
		assertThat(launcher.workspace.resolve("inbox")).isDirectory();
	}

	@Test
	@Order(3)
	void everyServiceIsHealthyWithItsComponents() {
		// Six services just started on two cores: one check may be slow for a moment (a
		// Redis call gives up after 3 s). What must hold is that each settles to UP with
		// its components, so a failure persists for a minute and a half before it counts.
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(3))
			.ignoreExceptions()
			.untilAsserted(this::everyServiceReportsItsComponentsUp);
	}

	private void everyServiceReportsItsComponentsUp() throws Exception {
		for (String service : Launcher.SERVICES) {
			HttpResponse<String> response = launcher.get(service, "/health");
			assertThat(response.statusCode()).as(service + ": " + response.body()).isEqualTo(200);
			JsonNode health = json.readTree(response.body());
			assertThat(health.get("status").asString()).as(service).isEqualTo("UP");
			JsonNode components = health.get("components");
			assertThat(components.has("diskSpace")).as(service).isTrue();
			assertThat(launcher.get(service, "/health/readiness").statusCode()).as(service).isEqualTo(200);
			assertThat(launcher.get(service, "/health/liveness").statusCode()).as(service).isEqualTo(200);
		}
		for (String service : new String[] { "api", "discovery", "agent", "pdf-monitor" }) {
			JsonNode components = json.readTree(launcher.get(service, "/health").body()).get("components");
			assertThat(components.get("db").get("status").asString()).as(service + " db").isEqualTo("UP");
		}
		// The services that use Redis report it: the API (caches, events) and the gateway
		// (rate limits).
		for (String service : new String[] { "api", "gateway" }) {
			JsonNode components = json.readTree(launcher.get(service, "/health").body()).get("components");
			assertThat(components.get("redis").get("status").asString()).as(service + " redis").isEqualTo("UP");
		}
		for (String service : new String[] { "api", "pdf-monitor" }) {
			JsonNode components = json.readTree(launcher.get(service, "/health").body()).get("components");
			assertThat(components.get("chromadb").get("status").asString()).as(service + " chromadb").isEqualTo("UP");
		}
	}

	@Test
	@Order(4)
	void everyServiceServesPrometheusMetricsTaggedWithItsName() throws Exception {
		for (String service : Launcher.SERVICES) {
			HttpResponse<String> response = launcher.get(service, "/metrics");
			assertThat(response.statusCode()).as(service).isEqualTo(200);
			assertThat(response.body()).as(service)
				.contains("application=\"" + Launcher.APPLICATION_NAMES.get(service) + "\"")
				.contains("instance=\"")
				.contains("jvm_memory_used_bytes");
		}
	}

	@Test
	@Order(5)
	void theGatewayRoutesToTheApiWithTheKeyChecked() throws Exception {
		HttpResponse<String> anonymous = launcher.get("gateway", "/api/v1/papers");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> papers = launcher.get("gateway", "/api/v1/papers", "Authorization",
				"Bearer " + launcher.apiKey(), "X-Request-Id", "launcher-it-1");
		assertThat(papers.statusCode()).as(papers.body()).isEqualTo(200);
		assertThat(json.readTree(papers.body()).has("items")).isTrue();
		assertThat(papers.headers().firstValue("X-Request-Id")).hasValue("launcher-it-1");
		assertThat(papers.headers().allValues("X-Request-Id")).hasSize(1);

		// The API itself saw the gateway's request id: its problem detail carries it.
		HttpResponse<String> badId = launcher.get("gateway", "/api/v1/papers/not-a-uuid", "X-API-Key",
				launcher.apiKey(), "X-Request-Id", "launcher-it-2");
		assertThat(badId.statusCode()).isEqualTo(400);
		assertThat(json.readTree(badId.body()).get("requestId").asString()).isEqualTo("launcher-it-2");
	}

	@Test
	@Order(6)
	void everyApiServiceRefusesAnonymousCalls() throws Exception {
		for (String service : Launcher.SERVICES) {
			HttpResponse<String> response = launcher.get(service, "/api/v1/papers");
			assertThat(response.statusCode()).as(service).isEqualTo(401);
		}
	}

	@Test
	@Order(7)
	void upTwiceIsHarmless() throws Exception {
		Map<Long, String> before = pids();
		Launcher.Result again = launcher.run("up");
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(pids()).isEqualTo(before);
	}

	@Test
	@Order(8)
	void theServicesKeepTheirTemporaryFilesInTheStateDirectory() throws Exception {
		// ONNX Runtime (the embedding model, loaded by the first search by meaning)
		// unpacks its native libraries into a new folder of java.io.tmpdir at every
		// start, and Tomcat its working folders.
		HttpResponse<String> search = launcher.get("api", "/api/v1/search?mode=semantic&q=temporary+files", "X-API-Key",
				launcher.apiKey());
		assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
		assertThat(temporaryFiles("api")).anyMatch((name) -> name.startsWith("onnxruntime-java"))
			.anyMatch((name) -> name.startsWith("tomcat"));
		assertThat(temporaryFiles("pdf-monitor")).anyMatch((name) -> name.startsWith("tomcat"));
	}

	private static List<String> temporaryFiles(String service) throws IOException {
		try (Stream<Path> entries = Files.list(launcher.state.resolve("run/tmp").resolve(service))) {
			return entries.map((entry) -> entry.getFileName().toString()).toList();
		}
	}

	@Test
	@Order(9)
	void statusShowsEveryService() throws Exception {
		Launcher.Result status = launcher.run("status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		for (String service : Launcher.SERVICES) {
			assertThat(status.output()).contains(service);
		}
		assertThat(status.output()).contains("UP");
	}

	@Test
	@Order(10)
	void logsShowAService() throws Exception {
		Launcher.Result logs = launcher.run("logs", "api");
		assertThat(logs.exitCode()).isZero();
		assertThat(logs.output()).contains("Started ApiApplication");
		assertThat(launcher.run("logs", "nonsense").exitCode()).isNotZero();
	}

	@Test
	@Order(11)
	void aServiceThatDiesIsStartedAgainWithALineInItsLog() throws Exception {
		long before = Long.parseLong(Files.readString(launcher.state.resolve("run/discovery.pid")).strip());
		// What the dead run leaves in its temporary directory goes before the next.
		Path left = Files.writeString(launcher.state.resolve("run/tmp/discovery/left-by-the-dead-run"), "x");
		// As the kernel's OOM killer or a crash would: no chance to clean up.
		ProcessHandle.of(before).orElseThrow().destroyForcibly();
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.untilAsserted(() -> {
				HttpResponse<String> health = launcher.get("discovery", "/health");
				assertThat(health.statusCode()).isEqualTo(200);
				assertThat(Files.readString(launcher.state.resolve("run/discovery.pid")).strip())
					.isNotEqualTo(String.valueOf(before));
			});
		assertThat(left).doesNotExist();
		Launcher.Result logs = launcher.run("logs", "discovery");
		assertThat(logs.output()).contains("./thoth restarts discovery: pid " + before + " exited with status");
		Launcher.Result status = launcher.run("status");
		assertThat(status.output()).contains("restarted 1 time(s)");
	}

	@Test
	@Order(12)
	void downStopsEverythingItStarted() throws Exception {
		assertThat(launcher.ourProcesses()).isNotEmpty();
		Launcher.Result down = launcher.run("down");
		assertThat(down.exitCode()).as(down.output()).isZero();
		for (String service : Launcher.SERVICES) {
			assertThat(launcher.listening(service)).as(service).isFalse();
		}
		assertThat(launcher.ourProcesses()).as("processes left behind").isEmpty();
	}

	private static Map<Long, String> pids() {
		return launcher.ourProcesses()
			.stream()
			.collect(java.util.stream.Collectors.toMap(ProcessHandle::pid,
					(process) -> process.info().commandLine().orElse("")));
	}

}
