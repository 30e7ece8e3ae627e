package dev.thoth.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring files against the real suite: every metric an alert rule or a dashboard
 * reads is one the services export, and a real Prometheus (Debian's) scrapes every
 * service with docker/prometheus/prometheus.yml's relabelling, loads the rules and
 * evaluates every dashboard query.
 *
 * <p>
 * Some series only exist after what they count has happened, so the inbox gets a paper,
 * the same paper again (a duplicate), a file that is not a PDF (quarantine), a scan
 * (OCR), and CrossRef lookups go to a closed port (lookup failures, an outbound circuit
 * breaker and retries).
 */
class MonitoringIT {

	/**
	 * Counted only after events this test does not cause (a job that fails, a replica
	 * that dies holding a lease): checked to be registered in the PDF monitor's code.
	 */
	static final Map<String, String> REGISTERED_ON_EVENT = Map.of("thoth_pdf_failures_total", "\"thoth.pdf.failures\"",
			"thoth_pdf_lease_takeovers_total", "\"thoth.pdf.lease.takeovers\"");

	/** Series Prometheus itself makes: for every target, and for every alert. */
	static final Set<String> FROM_PROMETHEUS = Set.of("up", "ALERTS");

	@TempDir
	static Path temp;

	static Launcher launcher;

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	static final Map<String, Set<String>> exported = new TreeMap<>();

	@BeforeAll
	static void upAndIngest() throws Exception {
		launcher = new Launcher(temp);
		int closedPort = FreePorts.next();
		Launcher.Result up = launcher
			.run(Map.of("THOTH_ONLINE_LOOKUPS", "true", "THOTH_CROSSREF_URL", "http://127.0.0.1:" + closedPort), "up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		Path inbox = launcher.workspace.resolve("inbox");
		Files.copy(CORPUS.resolve("pdfs/gadr.pdf"), inbox.resolve("gadr.pdf"));
		Files.copy(CORPUS.resolve("bad/notpdf.pdf"), inbox.resolve("notpdf.pdf"));
		Files.copy(CORPUS.resolve("bad/scanned-image-only-ZFN-A-054-0304-0272.pdf"), inbox.resolve("scan.pdf"));
		awaitMetric("thoth_pdf_papers_processed_total");
		awaitMetric("thoth_pdf_ocr_pages_total");
		Files.copy(CORPUS.resolve("pdfs/gadr.pdf"), inbox.resolve("gadr-again.pdf"));
		awaitMetric("thoth_pdf_duplicates_total");
		for (String service : Launcher.SERVICES) {
			exported.put(service, metricNames(scrape(service)));
		}
	}

	@AfterAll
	static void down() throws Exception {
		if (launcher != null) {
			launcher.run("down");
		}
	}

	@Test
	void everyMetricARuleOrDashboardReadsIsExported() throws Exception {
		Set<String> all = new TreeSet<>();
		exported.values().forEach(all::addAll);
		String pdfMonitorCode = code(Launcher.ROOT.resolve("pdf-monitor/src/main/java"));
		Map<String, Set<String>> missing = new TreeMap<>();
		MonitoringFiles.allExpressions().forEach((where, expression) -> {
			for (String metric : MonitoringFiles.metricNames(expression)) {
				boolean registeredOnEvent = REGISTERED_ON_EVENT.containsKey(metric)
						&& pdfMonitorCode.contains(REGISTERED_ON_EVENT.get(metric));
				if (!all.contains(metric) && !FROM_PROMETHEUS.contains(metric) && !registeredOnEvent) {
					missing.computeIfAbsent(metric, (name) -> new TreeSet<>()).add(where);
				}
			}
		});
		assertThat(missing).as("metrics read by rules or dashboards that no service exports").isEmpty();
	}

	/** The metrics the alerts are about come from the services they are about. */
	@Test
	void theServicesExportWhatTheAlertsWatch() {
		for (String service : Launcher.SERVICES) {
			assertThat(exported.get(service)).as(service)
				.contains("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
						"jvm_memory_used_bytes", "jvm_memory_max_bytes", "disk_free_bytes", "disk_total_bytes");
		}
		assertThat(exported.get("pdf-monitor")).contains("thoth_pdf_queue_depth", "thoth_pdf_quarantined_total",
				"thoth_pdf_stage_duration_seconds_count", "thoth_pdf_lookups_total",
				"resilience4j_circuitbreaker_state");
	}

	@Test
	void aRealPrometheusScrapesEveryServiceAndEvaluatesEveryQuery() throws Exception {
		int port = FreePorts.next();
		Path config = staticVariant(port);
		Path log = temp.resolve("prometheus.log");
		Process prometheus = new ProcessBuilder(MonitoringFiles.binary("prometheus").toString(),
				"--config.file=" + config, "--storage.tsdb.path=" + temp.resolve("prometheus-data"),
				"--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			String base = "http://127.0.0.1:" + port;
			Map<String, JsonNode> targets = awaitTargetsUp(base, prometheus, log);
			for (Map.Entry<String, Integer> job : MonitoringFiles.JOB_PORTS.entrySet()) {
				String service = MonitoringFiles.JOB_SERVICES.get(job.getKey());
				JsonNode target = targets.get(job.getKey());
				assertThat(target).as(job.getKey()).isNotNull();
				assertThat(target.get("labels").get("application").asString())
					.isEqualTo(Launcher.APPLICATION_NAMES.get(service));
				assertThat(target.get("labels").get("instance").asString())
					.isEqualTo("127.0.0.1:" + launcher.ports.get(service));
			}
			// The services' own instance tag is kept as service_instance, not
			// exported_instance.
			awaitResult(base, "count by (job) (jvm_info)", 6);
			assertThat(query(base, "count({exported_instance!=\"\"})")).isEmpty();
			assertThat(query(base, "count({exported_application!=\"\"})")).isEmpty();
			assertThat(query(base, "count by (job) (jvm_info{service_instance!=\"\"})")).hasSize(6);
			JsonNode quarantined = query(base, "thoth_pdf_quarantined_total{reason=\"not_pdf\"}").get(0).get("metric");
			assertThat(quarantined.get("job").asString()).isEqualTo("thoth-pdf-monitor");
			assertThat(quarantined.get("application").asString()).isEqualTo("pdf-monitor");

			JsonNode groups = get(base + "/api/v1/rules").get("data").get("groups");
			List<String> rules = new ArrayList<>();
			for (JsonNode group : groups) {
				for (JsonNode rule : group.get("rules")) {
					rules.add(rule.get("name").asString());
					assertThat(rule.get("health").asString()).as(rule.toString()).isIn("ok", "unknown");
				}
			}
			assertThat(rules).containsExactlyInAnyOrderElementsOf(MonitoringFiles.alertExpressions().keySet());

			Map<String, String> errors = new LinkedHashMap<>();
			MonitoringFiles.allExpressions().forEach((where, expression) -> {
				String promQl = expression.replace("$__rate_interval", "1m")
					.replace("$application", "pdf-monitor")
					.replace("$instance", ".*");
				try {
					JsonNode answer = get(
							base + "/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
					if (!"success".equals(answer.get("status").asString())) {
						errors.put(where, answer.toString());
					}
				}
				catch (Exception ex) {
					errors.put(where, ex.toString());
				}
			});
			assertThat(errors).as("queries Prometheus rejects").isEmpty();
		}
		finally {
			prometheus.destroy();
			if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
				prometheus.destroyForcibly();
			}
		}
	}

	/** prometheus.yml with each service's DNS lookup replaced by its local port. */
	@SuppressWarnings("unchecked")
	static Path staticVariant(int prometheusPort) throws IOException {
		Map<String, Object> config = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS.resolve("prometheus.yml"));
		Map<String, Object> global = (Map<String, Object>) config.get("global");
		global.put("scrape_interval", "2s");
		global.put("scrape_timeout", "2s");
		global.put("evaluation_interval", "2s");
		config.put("rule_files", List.of(MonitoringFiles.ALERTS.toString()));
		for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
			String name = (String) job.get("job_name");
			String target = MonitoringFiles.JOB_SERVICES.containsKey(name)
					? "127.0.0.1:" + launcher.ports.get(MonitoringFiles.JOB_SERVICES.get(name))
					: "127.0.0.1:" + prometheusPort;
			job.remove("dns_sd_configs");
			job.put("static_configs", List.of(Map.of("targets", List.of(target))));
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Path file = temp.resolve("prometheus.yml");
		Files.writeString(file, new Yaml(options).dump(config));
		return file;
	}

	static Map<String, JsonNode> awaitTargetsUp(String base, Process prometheus, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		Map<String, JsonNode> targets = new TreeMap<>();
		while (true) {
			assertThat(prometheus.isAlive()).as(() -> readQuietly(log)).isTrue();
			targets.clear();
			boolean allUp = false;
			try {
				allUp = true;
				for (JsonNode target : get(base + "/api/v1/targets").get("data").get("activeTargets")) {
					targets.put(target.get("labels").get("job").asString(), target);
					allUp &= "up".equals(target.get("health").asString());
				}
			}
			catch (IOException ex) {
				allUp = false;
			}
			if (allUp && targets.keySet().containsAll(MonitoringFiles.JOB_PORTS.keySet())) {
				return targets;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Prometheus targets not all up: " + targets + "\n" + readQuietly(log));
			}
			Thread.sleep(500);
		}
	}

	static void awaitResult(String base, String promQl, int size) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (query(base, promQl).size() < size && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		assertThat(query(base, promQl)).as(promQl).hasSize(size);
	}

	static JsonNode query(String base, String promQl) throws Exception {
		JsonNode answer = get(base + "/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
		assertThat(answer.get("status").asString()).as(answer.toString()).isEqualTo("success");
		return answer.get("data").get("result");
	}

	static JsonNode get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	/** /metrics without the API key, as Prometheus reads it from a trusted address. */
	static String scrape(String service) throws IOException, InterruptedException {
		HttpResponse<String> response = launcher.get(service, "/metrics");
		assertThat(response.statusCode()).as(service + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	static Set<String> metricNames(String exposition) {
		Set<String> names = new TreeSet<>();
		exposition.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.forEach((line) -> names.add(line.split("[{ ]", 2)[0]));
		return names;
	}

	static void awaitMetric(String name) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
		while (!metricNames(scrape("pdf-monitor")).contains(name)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the PDF monitor never exported " + name + "; its log:\n"
						+ readQuietly(launcher.state.resolve("logs/pdf-monitor.log")));
			}
			Thread.sleep(1000);
		}
	}

	static String code(Path sources) throws IOException {
		StringBuilder code = new StringBuilder();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				code.append(Files.readString(file));
			}
		}
		return code.toString();
	}

	static String readQuietly(Path file) {
		try {
			String text = Files.readString(file);
			return text.substring(Math.max(0, text.length() - 4000));
		}
		catch (IOException ex) {
			return "(no " + file + ")";
		}
	}

}
