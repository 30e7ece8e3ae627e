package dev.thoth.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration, alert rules and Grafana provisioning as files: promtool's
 * own checks and the rules' unit tests (Debian's prometheus package), and the shape
 * Grafana needs (it cannot be installed here).
 */
class MonitoringConfigurationTests {

	@Test
	void promtoolAcceptsTheConfigurationAndTheRules() throws Exception {
		String promtool = MonitoringFiles.binary("promtool").toString();
		MonitoringFiles.Result config = MonitoringFiles.run(MonitoringFiles.PROMETHEUS, promtool, "check", "config",
				"prometheus.yml");
		assertThat(config.exitCode()).as(config.output()).isZero();
		assertThat(config.output()).contains("SUCCESS: 1 rule files found");
		MonitoringFiles.Result rules = MonitoringFiles.run(MonitoringFiles.PROMETHEUS, promtool, "check", "rules",
				"alerts.yml");
		assertThat(rules.exitCode()).as(rules.output()).isZero();
		assertThat(rules.output()).contains("SUCCESS: " + MonitoringFiles.alertExpressions().size() + " rules found");
	}

	@Test
	void theRulesPassTheirUnitTests() throws Exception {
		List<String> command = new ArrayList<>(List.of(MonitoringFiles.binary("promtool").toString(), "test", "rules"));
		command.addAll(MonitoringFiles.ruleTestFiles());
		MonitoringFiles.Result result = MonitoringFiles.run(MonitoringFiles.PROMETHEUS, command.toArray(String[]::new));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("FAILED");
	}

	/** The rule tests are not vacuous: a changed threshold makes them fail. */
	@Test
	void theRuleTestsCatchAChangedThreshold(@TempDir Path temp) throws Exception {
		String alerts = Files.readString(MonitoringFiles.ALERTS);
		assertThat(alerts).contains("> 0.05");
		Files.writeString(temp.resolve("alerts.yml"), alerts.replace("> 0.05", "> 0.5"));
		Files.createDirectories(temp.resolve("tests"));
		Files.copy(MonitoringFiles.PROMETHEUS.resolve("tests/http.test.yml"), temp.resolve("tests/http.test.yml"));
		MonitoringFiles.Result result = MonitoringFiles.run(temp, MonitoringFiles.binary("promtool").toString(), "test",
				"rules", "tests/http.test.yml");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("ThothHighErrorRate");
	}

	/**
	 * Each alert has a test case that expects it to fire and one that expects it quiet.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void everyAlertIsTestedFiringAndQuiet() throws Exception {
		Set<String> firing = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (String file : MonitoringFiles.ruleTestFiles()) {
			Map<String, Object> tests = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS.resolve(file));
			for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
				for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
					List<Object> expected = (List<Object>) check.get("exp_alerts");
					((expected == null || expected.isEmpty()) ? quiet : firing).add((String) check.get("alertname"));
				}
			}
		}
		Set<String> alerts = MonitoringFiles.alertExpressions().keySet();
		assertThat(firing).as("alerts tested firing").containsAll(alerts);
		assertThat(quiet).as("alerts tested quiet").containsAll(alerts);
	}

	/** One job per service, each replica found through DNS on the conventional port. */
	@Test
	@SuppressWarnings("unchecked")
	void prometheusFindsEveryReplicaOfEveryServiceThroughDns() {
		Map<String, Object> config = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS.resolve("prometheus.yml"));
		assertThat(((Map<String, Object>) config.get("global")).get("scrape_interval")).isEqualTo("15s");
		Set<String> jobs = new HashSet<>();
		for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
			String name = (String) job.get("job_name");
			if (!MonitoringFiles.JOB_PORTS.containsKey(name)) {
				continue;
			}
			jobs.add(name);
			assertThat(job.get("metrics_path")).isEqualTo("/metrics");
			List<Map<String, Object>> dns = (List<Map<String, Object>>) job.get("dns_sd_configs");
			assertThat(dns).as(name).hasSize(1);
			assertThat(dns.get(0)).containsEntry("type", "A")
				.containsEntry("port", MonitoringFiles.JOB_PORTS.get(name))
				.containsEntry("names", List.of(name));
			List<Map<String, Object>> relabel = (List<Map<String, Object>>) job.get("relabel_configs");
			assertThat(relabel).as(name)
				.contains(Map.of("target_label", "application", "replacement",
						Launcher.APPLICATION_NAMES.get(MonitoringFiles.JOB_SERVICES.get(name))));
		}
		assertThat(jobs).containsExactlyInAnyOrderElementsOf(MonitoringFiles.JOB_PORTS.keySet());
	}

	@Test
	@SuppressWarnings("unchecked")
	void grafanaProvisionsThePrometheusDatasourceAndTheDashboardFolder() {
		Map<String, Object> datasources = MonitoringFiles
			.yaml(MonitoringFiles.GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
		assertThat(datasources.get("apiVersion")).isEqualTo(1);
		List<Map<String, Object>> list = (List<Map<String, Object>>) datasources.get("datasources");
		assertThat(list).singleElement()
			.satisfies((datasource) -> assertThat(datasource).containsEntry("type", "prometheus")
				.containsEntry("uid", "prometheus")
				.containsEntry("url", "http://prometheus:9090")
				.containsEntry("isDefault", true));
		try (var providers = Files.list(MonitoringFiles.GRAFANA.resolve("provisioning/dashboards"))) {
			List<Path> files = providers.toList();
			assertThat(files).isNotEmpty();
			for (Path file : files) {
				Map<String, Object> provider = MonitoringFiles.yaml(file);
				assertThat(provider.get("apiVersion")).as(file.toString()).isEqualTo(1);
				for (Map<String, Object> entry : (List<Map<String, Object>>) provider.get("providers")) {
					assertThat(entry).containsEntry("type", "file");
					assertThat((Map<String, Object>) entry.get("options")).containsKey("path");
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void theFiveDashboardsAreThere() {
		List<String> uids = MonitoringFiles.dashboardFiles()
			.stream()
			.map((file) -> MonitoringFiles.dashboard(file).get("uid").asString())
			.toList();
		assertThat(uids).containsExactlyInAnyOrder("thoth-overview", "thoth-service", "thoth-pipeline",
				"thoth-discovery", "thoth-jvm");
	}

	/**
	 * Every panel, target and variable names the provisioned datasource and has a query.
	 */
	@Test
	void everyPanelQueriesTheProvisionedDatasource() {
		for (Path file : MonitoringFiles.dashboardFiles()) {
			JsonNode dashboard = MonitoringFiles.dashboard(file);
			assertThat(dashboard.get("title").asString()).as(file.toString()).isNotBlank();
			Set<Integer> ids = new HashSet<>();
			assertThat(dashboard.get("panels").isEmpty()).as(file.toString()).isFalse();
			for (JsonNode panel : dashboard.get("panels")) {
				String where = file.getFileName() + " / " + panel.get("title").asString();
				assertThat(ids.add(panel.get("id").asInt())).as(where + ": unique id").isTrue();
				assertThat(panel.get("datasource").get("uid").asString()).as(where).isEqualTo("prometheus");
				assertThat(panel.get("gridPos").get("w").asInt()).as(where).isBetween(1, 24);
				assertThat(panel.get("targets").isEmpty()).as(where).isFalse();
				for (JsonNode target : panel.get("targets")) {
					assertThat(target.get("datasource").get("uid").asString()).as(where).isEqualTo("prometheus");
					assertThat(target.get("expr").asString()).as(where).isNotBlank();
				}
			}
			for (JsonNode variable : dashboard.get("templating").get("list")) {
				assertThat(variable.get("datasource").get("uid").asString()).isEqualTo("prometheus");
			}
		}
	}

	@Test
	void metricNamesAreReadFromPromQl() {
		assertThat(MonitoringFiles.metricNames(
				"histogram_quantile(0.95, sum by (application, le) (rate(http_server_requests_seconds_bucket{uri!~\"/health.*|/metrics\"}[5m]))) > 2"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(MonitoringFiles.metricNames(
				"max(thoth_pdf_queue_depth) > 0 unless sum(increase(thoth_pdf_stage_duration_seconds_count[15m])) > 0"))
			.containsExactly("thoth_pdf_queue_depth", "thoth_pdf_stage_duration_seconds_count");
		assertThat(MonitoringFiles.metricNames("disk_free_bytes / on (instance) group_left disk_total_bytes < 1e9"))
			.containsExactly("disk_free_bytes", "disk_total_bytes");
	}

}
