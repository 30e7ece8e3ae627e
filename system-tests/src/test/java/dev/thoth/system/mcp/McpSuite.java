package dev.thoth.system.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.thoth.system.PaperSources;
import dev.thoth.system.RoundRobinNginx;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;

import static dev.thoth.system.ServiceHealth.healthy;
import static org.awaitility.Awaitility.await;

/**
 * One suite for every MCP protocol test class, started once per test run: a real API and
 * PDF monitor on a fresh PostgreSQL database, an agent service on the same database (for
 * the memory tools), two MCP replicas behind nginx (round robin, each answer naming its
 * replica), and a third MCP instance whose API never answers (a socket that accepts and
 * stays silent), for the slow and failing service cases, and the discovery service
 * against the six paper sources replayed by WireMock. Three papers of the corpus are
 * ingested: one dropped into the inbox, one added through the MCP add_paper tool by its
 * workspace path, one to delete.
 */
final class McpSuite {

	static final String KEY = "mcp-suite-key-0123456789abcdef0123456789ab";

	static final String ALLOWED_ORIGIN = "https://allowed.example";

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	/** Kept after the run, for a failure's post-mortem. */
	static final Path LOGS = Path.of("target", "mcp-suite").toAbsolutePath();

	private static McpSuite instance;

	/**
	 * Why the suite did not start: the next test class is told at once, not started
	 * again.
	 */
	private static Exception failure;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final Path workspace;

	final int api;

	final int monitor;

	final int agent;

	final int firstMcp;

	final int secondMcp;

	final int stalledMcp;

	final int discovery;

	/**
	 * The six paper sources, replayed (the stack test's stubs), and the PDFs they link.
	 */
	final WireMockServer sources;

	final int nginx;

	final ServerSocket silentApi;

	private final List<Process> processes = new ArrayList<>();

	private final List<Socket> held = new ArrayList<>();

	private final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static synchronized McpSuite get() throws Exception {
		if (failure != null) {
			throw new IllegalStateException("the MCP suite did not start; logs in " + LOGS, failure);
		}
		if (instance == null) {
			try {
				instance = new McpSuite();
			}
			catch (Exception ex) {
				failure = ex;
				throw ex;
			}
			Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
		}
		return instance;
	}

	private McpSuite() throws Exception {
		Files.createDirectories(LOGS);
		this.workspace = Files.createTempDirectory("thoth-mcp-suite");
		this.api = FreePorts.next();
		this.monitor = FreePorts.next();
		this.agent = FreePorts.next();
		this.firstMcp = FreePorts.next();
		this.secondMcp = FreePorts.next();
		this.stalledMcp = FreePorts.next();
		this.discovery = FreePorts.next();
		this.nginx = FreePorts.next();
		this.silentApi = new ServerSocket(0);
		Thread.ofVirtual().start(this::holdConnections);
		this.sources = PaperSources.replay(this.workspace.resolveSibling(this.workspace.getFileName() + "-sources"));
		try {
			Map<String, String> library = Map.of("THOTH_DATABASE_URL", this.database.url(), "THOTH_DATABASE_USER",
					this.database.user(), "THOTH_DATABASE_PASSWORD", this.database.password(),
					"THOTH_RATE_LIMIT_PER_MINUTE", "0");
			start("api", "api-service", "THOTH_API_PORT", this.api, "-Xmx384m", library);
			start("pdf-monitor", "pdf-monitor", "THOTH_PDF_MONITOR_PORT", this.monitor, "-Xmx384m", library);
			start("discovery", "discovery-service", "THOTH_DISCOVERY_PORT", this.discovery, "-Xmx512m",
					discoveryEnvironment(library));
			Map<String, String> withTools = new HashMap<>(library);
			withTools.put("THOTH_API_URL", "http://127.0.0.1:" + this.api);
			withTools.put("THOTH_MCP_URL", "http://127.0.0.1:" + this.firstMcp);
			Map<String, String> mcp = Map.of("THOTH_API_URL", "http://127.0.0.1:" + this.api, "THOTH_AGENT_URL",
					"http://127.0.0.1:" + this.agent, "THOTH_DISCOVERY_URL", "http://127.0.0.1:" + this.discovery,
					"THOTH_CORS_ORIGINS", ALLOWED_ORIGIN, "THOTH_MCP_MAX_REQUEST_SIZE", "64KB",
					"THOTH_RATE_LIMIT_PER_MINUTE", "0");
			start("mcp-first", "mcp-service", "THOTH_MCP_PORT", this.firstMcp, "-Xmx256m", mcp);
			start("mcp-second", "mcp-service", "THOTH_MCP_PORT", this.secondMcp, "-Xmx256m", mcp);
			start("mcp-stalled", "mcp-service", "THOTH_MCP_PORT", this.stalledMcp, "-Xmx256m",
					Map.of("THOTH_API_URL", "http://127.0.0.1:" + this.silentApi.getLocalPort(),
							"THOTH_MCP_TOOL_TIMEOUT", "3s", "THOTH_MCP_API_READ_TIMEOUT", "2s"));
			start("agent", "agent-service", "THOTH_AGENT_PORT", this.agent, "-Xmx256m", withTools);
			startNginx();
			await().atMost(Duration.ofMinutes(8))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> healthy(this.api) && healthy(this.monitor) && healthy(this.discovery)
						&& healthy(this.agent) && healthy(this.firstMcp) && healthy(this.secondMcp)
						&& healthy(this.stalledMcp));
			// Healthy is not yet ready: the discovery service polled the API while the
			// API
			// was still starting, and its circuit to the API stays open a few seconds
			// after. A run of an unknown query is a 404 once it reaches the API again (a
			// 503 before), and queues nothing.
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> discoveryPost("/discovery/queries/" + UUID.randomUUID() + "/run").statusCode() == 404);
		}
		catch (Exception | AssertionError ex) {
			// Nothing may outlive a suite that did not come up.
			stop();
			throw ex;
		}
	}

	/**
	 * The discovery service against the replayed sources. Downloads keep the production
	 * rules (https only, public addresses only) except for the replay server's own
	 * origin, exempt through the test-only setting, so the SSRF refusals are tested as
	 * deployed.
	 */
	private Map<String, String> discoveryEnvironment(Map<String, String> library) {
		String url = this.sources.baseUrl();
		Map<String, String> environment = new HashMap<>(library);
		environment.putAll(Map.of("THOTH_API_URL", "http://127.0.0.1:" + this.api,
				"THOTH_DISCOVERY_SOURCES_ARXIV_BASE_URL", url + "/arxiv",
				"THOTH_DISCOVERY_SOURCES_SEMANTIC_SCHOLAR_BASE_URL", url + "/s2",
				"THOTH_DISCOVERY_SOURCES_PUBMED_BASE_URL", url + "/pubmed", "THOTH_DISCOVERY_SOURCES_CROSSREF_BASE_URL",
				url + "/crossref", "THOTH_DISCOVERY_SOURCES_OPENALEX_BASE_URL", url + "/openalex",
				"THOTH_DISCOVERY_SOURCES_BIORXIV_BASE_URL", url + "/biorxiv",
				"THOTH_DISCOVERY_SOURCES_BIORXIV_CONTENT_URL", url + "/content",
				"THOTH_DISCOVERY_SOURCES_MEDRXIV_CONTENT_URL", url + "/content"));
		environment.putAll(Map.of("OPENALEX_API_KEY", "openalex-test-key", "THOTH_DISCOVERY_DOWNLOAD_TEST_ORIGINS", url,
				"THOTH_DISCOVERY_IMPORTS_ARXIV_PDF_URL", url + "/pdf/", "THOTH_DISCOVERY_SOURCES_ARXIV_MIN_INTERVAL",
				"0ms", "THOTH_DISCOVERY_TICK", "2s", "THOTH_DISCOVERY_INGEST_CHECK", "2s"));
		return environment;
	}

	/** The MCP endpoint behind nginx, serving from both replicas in turn. */
	String balanced() {
		return "http://127.0.0.1:" + this.nginx;
	}

	String direct(int port) {
		return "http://127.0.0.1:" + port;
	}

	HttpResponse<String> apiGet(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.api + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> discoveryPost(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.discovery + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A call to the agent service, as a researcher makes it. */
	HttpResponse<String> agentCall(String method, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.agent + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> apiPost(String path, String json) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.api + path))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A raw JSON-RPC message posted to {@code /mcp}, with the headers given. */
	HttpResponse<String> post(String base, String json, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The API stops answering at all: connections to it are refused from now on. */
	void closeSilentApi() throws IOException {
		this.silentApi.close();
		for (Socket socket : this.held) {
			socket.close();
		}
	}

	static Path mcpJar() {
		return root().resolve("mcp-service/target/mcp-service-exec.jar");
	}

	static Path root() {
		return Path.of(System.getProperty("thoth.root", "..")).toAbsolutePath().normalize();
	}

	private void holdConnections() {
		try {
			while (true) {
				// Accepted and never answered: the API is there but does not respond.
				this.held.add(this.silentApi.accept());
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private void start(String name, String module, String portVariable, int port, String heap, Map<String, String> env)
			throws IOException {
		Path jar = root().resolve(module + "/target/" + module + "-exec.jar");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), heap, "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(LOGS.resolve(name + ".log").toFile());
		Map<String, String> environment = new HashMap<>(env);
		environment.put("THOTH_WORKSPACE_DIR", this.workspace.toString());
		environment.put("THOTH_API_SECRET_KEY", KEY);
		environment.put(portVariable, String.valueOf(port));
		builder.environment().putAll(environment);
		this.processes.add(builder.start());
	}

	private void startNginx() throws IOException {
		this.processes.add(RoundRobinNginx.start(
				Files.createDirectories(this.workspace.getParent().resolve("mcp-nginx-" + this.nginx)), this.firstMcp,
				this.secondMcp, this.nginx));
	}

	private void stop() {
		this.processes.forEach(Process::destroy);
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
			}
		}
		try {
			this.silentApi.close();
		}
		catch (IOException ex) {
			// already closed
		}
		if (this.sources != null) {
			this.sources.stop();
		}
	}

	static InputStream corpus(String name) throws IOException {
		return Files.newInputStream(CORPUS.resolve("pdfs").resolve(name));
	}

}
