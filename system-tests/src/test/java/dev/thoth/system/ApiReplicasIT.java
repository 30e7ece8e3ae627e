package dev.thoth.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.thoth.system.ServiceHealth.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real API processes behind one address (nginx, round robin), with one PDF monitor,
 * one database and Redis: whichever replica answers, a client sees the same library, and
 * an event stream opened on either replica carries the same pipeline events.
 */
class ApiReplicasIT {

	static final String KEY = "replicas-it-key-0123456789abcdef0123456789";

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final List<Process> processes = new ArrayList<>();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path temp;

	/** Kept after the run, for a failure's post-mortem. */
	static final Path LOGS = Path.of("target", "api-replicas-it").toAbsolutePath();

	static int firstApi;

	static int secondApi;

	static int address;

	@BeforeAll
	static void startTwoApisBehindNginx() throws Exception {
		Files.createDirectories(LOGS);
		firstApi = FreePorts.next();
		secondApi = FreePorts.next();
		address = FreePorts.next();
		int monitor = FreePorts.next();
		start("api-first", "api-service", "THOTH_API_PORT", firstApi);
		start("api-second", "api-service", "THOTH_API_PORT", secondApi);
		start("pdf-monitor", "pdf-monitor", "THOTH_PDF_MONITOR_PORT", monitor);
		startNginx();
		try {
			await().atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> healthy(firstApi) && healthy(secondApi) && healthy(monitor));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("not every replica became healthy; logs in " + LOGS, ex);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		processes.forEach(Process::destroy);
		for (Process process : processes) {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void bothReplicasServeTheSameLibraryAndTheSameEvents() throws Exception {
		// One stream on each replica, both opened through the one address.
		EventStream onFirst = null;
		EventStream onSecond = null;
		List<EventStream> opened = new ArrayList<>();
		for (int attempt = 0; attempt < 8 && (onFirst == null || onSecond == null); attempt++) {
			EventStream stream = EventStream.open(uri("/api/v1/events"));
			opened.add(stream);
			if (stream.servedBy == firstApi && onFirst == null) {
				onFirst = stream;
			}
			else if (stream.servedBy == secondApi && onSecond == null) {
				onSecond = stream;
			}
		}
		assertThat(onFirst).as("an event stream served by the first replica").isNotNull();
		assertThat(onSecond).as("an event stream served by the second replica").isNotNull();

		Path pdf = CORPUS.resolve("pdfs/gadr.pdf");
		HttpResponse<String> upload = upload(pdf);
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
		String job = field(upload.body(), "jobId");
		String uploadedBy = upload.headers().firstValue("X-Served-By").orElseThrow();

		// Both streams hear the job queued on one replica and finished by the monitor.
		for (EventStream stream : List.of(onFirst, onSecond)) {
			assertThat(stream.await("queued", job)).as("queued on the stream of :" + stream.servedBy).isNotNull();
			assertThat(stream.await("stage", job)).as("a stage on the stream of :" + stream.servedBy).isNotNull();
			String finished = stream.await("finished", job);
			assertThat(finished).as("finished on the stream of :" + stream.servedBy).contains("DONE");
		}
		opened.forEach(EventStream::close);

		// Whichever replica answers, the library is the same, and both did answer.
		Set<String> servers = new HashSet<>();
		servers.add(uploadedBy);
		Set<String> bodies = new HashSet<>();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> papers = get(uri("/api/v1/papers"));
			assertThat(papers.statusCode()).isEqualTo(200);
			servers.add(papers.headers().firstValue("X-Served-By").orElseThrow());
			bodies.add(papers.body());
		}
		assertThat(servers).containsExactlyInAnyOrder("127.0.0.1:" + firstApi, "127.0.0.1:" + secondApi);
		assertThat(bodies).hasSize(1);
		String paperId = field(bodies.iterator().next(), "id");
		assertThat(bodies.iterator().next()).contains("READY");

		for (String path : List.of("/api/v1/papers/" + paperId, "/api/v1/papers/" + paperId + "/references",
				"/api/v1/papers/" + paperId + "/note", "/api/v1/jobs/" + job)) {
			HttpResponse<String> fromFirst = get(URI.create("http://127.0.0.1:" + firstApi + path));
			HttpResponse<String> fromSecond = get(URI.create("http://127.0.0.1:" + secondApi + path));
			assertThat(fromFirst.statusCode()).as(path).isEqualTo(200);
			assertThat(fromSecond.body()).as(path).isEqualTo(fromFirst.body());
		}
		HttpResponse<String> search = get(URI.create("http://127.0.0.1:" + secondApi + "/api/v1/search?mode=lexical&q="
				+ java.net.URLEncoder.encode("architectural decision records", StandardCharsets.UTF_8)));
		assertThat(search.statusCode()).isEqualTo(200);
		assertThat(search.body()).contains(paperId);
	}

	private static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + address + path);
	}

	private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri).header("X-API-Key", KEY).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> upload(Path pdf) throws IOException, InterruptedException {
		String boundary = "thoth-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ pdf.getFileName() + "\"\r\nContent-Type: application/pdf\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return http.send(HttpRequest.newBuilder(uri("/api/v1/papers"))
			.header("X-API-Key", KEY)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
					HttpRequest.BodyPublishers.ofFile(pdf), HttpRequest.BodyPublishers.ofByteArray(tail)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

	private static void start(String name, String module, String portVariable, int port) throws IOException {
		Path jar = Launcher.ROOT.resolve(module + "/target/" + module + "-exec.jar");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx384m", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(LOGS.resolve(name + ".log").toFile());
		builder.environment().put("THOTH_DATABASE_URL", database.url());
		builder.environment().put("THOTH_DATABASE_USER", database.user());
		builder.environment().put("THOTH_DATABASE_PASSWORD", database.password());
		builder.environment().put("THOTH_REDIS_URL", TestServers.redisUrl());
		builder.environment().put("THOTH_WORKSPACE_DIR", temp.resolve("workspace").toString());
		builder.environment().put("THOTH_API_SECRET_KEY", KEY);
		builder.environment().put(portVariable, String.valueOf(port));
		processes.add(builder.start());
	}

	/**
	 * Round robin over the two replicas; each response names the replica that served it.
	 */
	private static void startNginx() throws IOException {
		processes
			.add(RoundRobinNginx.start(Files.createDirectories(temp.resolve("nginx")), firstApi, secondApi, address));
	}

	/** A server-sent event stream read on its own thread, one event at a time. */
	static final class EventStream {

		final int servedBy;

		private final InputStream body;

		private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();

		private EventStream(int servedBy, InputStream body) {
			this.servedBy = servedBy;
			this.body = body;
			Thread.ofVirtual().start(this::read);
		}

		static EventStream open(URI uri) throws IOException, InterruptedException {
			HttpResponse<InputStream> response = http.send(
					HttpRequest.newBuilder(uri).header("X-API-Key", KEY).header("Accept", "text/event-stream").build(),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			String upstream = response.headers().firstValue("X-Served-By").orElseThrow();
			return new EventStream(Integer.parseInt(upstream.substring(upstream.lastIndexOf(':') + 1)),
					response.body());
		}

		/**
		 * The data of the next event of this name mentioning the text, or null after 3
		 * minutes.
		 */
		String await(String name, String text) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (System.nanoTime() < deadline) {
				String[] event = this.events.poll(1, TimeUnit.SECONDS);
				if (event != null && event[0].equals(name) && event[1].contains(text)) {
					return event[1];
				}
			}
			return null;
		}

		private void read() {
			try (var lines = new java.io.BufferedReader(
					new java.io.InputStreamReader(this.body, StandardCharsets.UTF_8))) {
				String name = "message";
				StringBuilder data = new StringBuilder();
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.isEmpty()) {
						if (!data.isEmpty()) {
							this.events.add(new String[] { name, data.toString() });
						}
						name = "message";
						data.setLength(0);
					}
					else if (line.startsWith("event:")) {
						name = line.substring(6).strip();
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring(5).strip());
					}
				}
			}
			catch (IOException ex) {
				// Closed by the test.
			}
		}

		void close() {
			try {
				this.body.close();
			}
			catch (IOException ex) {
				// Already closed.
			}
		}

	}

}
