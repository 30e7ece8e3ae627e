package dev.thoth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files in {@code docker/prometheus} and {@code docker/grafana}, the
 * PromQL they contain, and the Debian promtool and prometheus binaries that check them.
 */
final class MonitoringFiles {

	static final Path PROMETHEUS = Launcher.ROOT.resolve("docker/prometheus");

	static final Path GRAFANA = Launcher.ROOT.resolve("docker/grafana");

	static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");

	static final Path DASHBOARDS = GRAFANA.resolve("dashboards");

	/** Compose service name to the port and application name the conventions give it. */
	static final Map<String, Integer> JOB_PORTS = Map.of("thoth-api", 8000, "thoth-mcp", 8001, "thoth-discovery", 8004,
			"thoth-agent", 8005, "thoth-pdf-monitor", 8006, "thoth-gateway", 8080);

	static final Map<String, String> JOB_SERVICES = Map.of("thoth-api", "api", "thoth-mcp", "mcp", "thoth-discovery",
			"discovery", "thoth-agent", "agent", "thoth-pdf-monitor", "pdf-monitor", "thoth-gateway", "gateway");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\)\\s*$", Pattern.DOTALL);

	private MonitoringFiles() {
	}

	/** The metric names a PromQL expression reads. */
	static Set<String> metricNames(String promQl) {
		String expression = STRING.matcher(promQl).replaceAll("\"\"");
		expression = expression.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
		expression = GROUPING.matcher(expression).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(expression);
		while (identifier.find()) {
			boolean function = identifier.group(2) != null;
			boolean partOfNumber = identifier.start() > 0
					&& Character.isDigit(expression.charAt(identifier.start() - 1));
			String name = identifier.group(1);
			if (!function && !partOfNumber && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

	/** Alert name to expression, from alerts.yml. */
	@SuppressWarnings("unchecked")
	static Map<String, String> alertExpressions() {
		Map<String, Object> rules = yaml(ALERTS);
		Map<String, String> alerts = new LinkedHashMap<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				alerts.put((String) rule.get("alert"), (String) rule.get("expr"));
			}
		}
		return alerts;
	}

	static List<Path> dashboardFiles() {
		try (Stream<Path> files = Files.list(DASHBOARDS)) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode dashboard(Path file) {
		try {
			return json.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * "dashboard uid / panel title" to PromQL, for every panel target and every template
	 * variable ({@code label_values(expr, label)} reads {@code expr}).
	 */
	static Map<String, String> dashboardExpressions() {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Path file : dashboardFiles()) {
			JsonNode dashboard = dashboard(file);
			String uid = dashboard.get("uid").asString();
			for (JsonNode panel : dashboard.get("panels")) {
				for (JsonNode target : panel.get("targets")) {
					expressions.put(
							uid + " / " + panel.get("title").asString() + " / " + target.get("refId").asString(),
							target.get("expr").asString());
				}
			}
			for (JsonNode variable : dashboard.get("templating").get("list")) {
				String query = variable.get("query").get("query").asString();
				Matcher labelValues = LABEL_VALUES.matcher(query);
				expressions.put(uid + " / $" + variable.get("name").asString(),
						labelValues.matches() ? labelValues.group(1) : query);
			}
		}
		return expressions;
	}

	/** Every expression of the rules and the dashboards, by where it is. */
	static Map<String, String> allExpressions() {
		Map<String, String> all = new LinkedHashMap<>();
		alertExpressions().forEach((alert, expr) -> all.put("alert " + alert, expr));
		all.putAll(dashboardExpressions());
		return all;
	}

	static Map<String, Object> yaml(Path file) {
		try {
			return new Yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path binary(String name) {
		for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException(name + " not found: install Debian's prometheus package "
				+ "(scripts/test-services start installs it; ./thoth test runs that)");
	}

	record Result(int exitCode, String output) {
	}

	static Result run(Path directory, String... command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("monitoring-", ".out");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in 2 minutes");
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	static List<String> ruleTestFiles() throws IOException {
		List<String> files = new ArrayList<>();
		try (Stream<Path> tests = Files.list(PROMETHEUS.resolve("tests"))) {
			tests.filter((file) -> file.toString().endsWith(".test.yml"))
				.sorted()
				.forEach((file) -> files.add(PROMETHEUS.relativize(file).toString()));
		}
		return files;
	}

}
