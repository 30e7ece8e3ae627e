package dev.thoth.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.thoth.testsupport.FreePorts;

/**
 * Runs the real {@code ./thoth} launcher with its own state directory, workspace and
 * ports, so a test suite never touches a developer's running Thoth.
 */
final class Launcher {

	static final Path ROOT = Path.of(System.getProperty("thoth.root", "..")).toAbsolutePath().normalize();

	static final List<String> SERVICES = List.of("api", "mcp", "discovery", "agent", "pdf-monitor", "gateway");

	static final Map<String, String> APPLICATION_NAMES = Map.of("api", "api-service", "mcp", "mcp-service", "discovery",
			"discovery-service", "agent", "agent-service", "pdf-monitor", "pdf-monitor", "gateway", "gateway");

	private static final Map<String, String> PORT_VARIABLES = Map.of("api", "THOTH_API_PORT", "mcp", "THOTH_MCP_PORT",
			"discovery", "THOTH_DISCOVERY_PORT", "agent", "THOTH_AGENT_PORT", "pdf-monitor", "THOTH_PDF_MONITOR_PORT",
			"gateway", "THOTH_GATEWAY_PORT");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final Path state;

	final Path workspace;

	final Map<String, Integer> ports = new LinkedHashMap<>();

	final Map<String, String> environment = new HashMap<>();

	record Result(int exitCode, String output) {
	}

	Launcher(Path temp) throws IOException {
		this.state = Files.createDirectories(temp.resolve("state"));
		this.workspace = temp.resolve("workspace");
		for (String service : SERVICES) {
			this.ports.put(service, FreePorts.next());
			this.environment.put(PORT_VARIABLES.get(service), String.valueOf(this.ports.get(service)));
		}
		this.environment.put("THOTH_STATE_DIR", this.state.toString());
		this.environment.put("THOTH_WORKSPACE_DIR", this.workspace.toString());
		this.environment.put("THOTH_EMBEDDED_DB_PORT", String.valueOf(FreePorts.next()));
		// The jars were just built by this Maven run.
		this.environment.put("THOTH_SKIP_BUILD", "1");
	}

	Result run(String... arguments) throws IOException, InterruptedException {
		return run(Map.of(), arguments);
	}

	Result run(Map<String, String> extraEnvironment, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ROOT.resolve("thoth").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
		builder.environment().putAll(this.environment);
		builder.environment().putAll(extraEnvironment);
		Path output = Files.createTempFile(this.state, "launcher-", ".out");
		builder.redirectOutput(output.toFile());
		Process process = builder.start();
		if (!process.waitFor(6, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("./thoth " + String.join(" ", arguments) + " did not finish in 6 minutes:\n"
					+ Files.readString(output));
		}
		return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	HttpResponse<String> get(String service, String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.ports.get(service) + path))
			.timeout(Duration.ofSeconds(15));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			// Say which service hung, and what it was doing, rather than only "timed
			// out".
			throw new IllegalStateException(
					"GET " + path + " on " + service + " took more than 15 s; its log ends:\n" + logTail(service, 60),
					ex);
		}
		catch (ConnectException ex) {
			// Nothing listens: the service has exited. Its log says why (a CI run lost
			// MonitoringIT to this without saying which service).
			throw new IllegalStateException("GET " + path + " on " + service + ": nothing listens on its port "
					+ this.ports.get(service) + "; its log ends:\n" + logTail(service, 80), ex);
		}
	}

	String logTail(String service, int lines) {
		Path log = this.state.resolve("logs").resolve(service + ".log");
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log at " + log + ": " + ex.getMessage() + ")";
		}
	}

	boolean listening(String service) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", this.ports.get(service)), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Processes whose command line names this launcher's state directory. */
	List<ProcessHandle> ourProcesses() {
		String marker = this.state.toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().map((line) -> line.contains(marker)).orElse(false))
			.toList();
	}

	String apiKey() throws IOException {
		return Files.readString(this.state.resolve("api-key")).strip();
	}

}
