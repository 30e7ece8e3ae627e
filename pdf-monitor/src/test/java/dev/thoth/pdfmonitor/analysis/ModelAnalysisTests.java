package dev.thoth.pdfmonitor.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.testsupport.FakeOpenAiServer;
import dev.thoth.testsupport.FakeOpenAiServer.Answer;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The model path of the analysis, through Spring AI's OpenAI client against a local
 * server that answers in OpenAI's published shape: a valid answer, nonsense that is
 * retried, a model that never answers usefully, and one too slow; the paper survives a
 * failed analysis.
 */
@SpringBootTest(
		properties = { "thoth.pdf-monitor.workers=1", "thoth.pdf-monitor.analysis-timeout=20s",
				"thoth.pdf-monitor.scan-interval=300ms", "thoth.pdf-monitor.stable-for=200ms" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ModelAnalysisTests {

	static final FakeOpenAiServer model = new FakeOpenAiServer();

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@TempDir
	static Path workspace;

	static final String VALID = """
			{"summary": "The paper schedules moldable jobs on clusters with two criteria.",
			 "keyPoints": ["Bi-criteria scheduling"], "methodology": ["Batch scheduling"], "results": ["Good ratios"],
			 "limitations": [], "contributions": ["An algorithm"], "tags": ["Scheduling", "clusters"]}""";

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
		registry.add("THOTH_LLM_PROVIDER", () -> "openai");
		registry.add("THOTH_LLM_BASE_URL", model::baseUrl);
		registry.add("THOTH_LLM_MODEL", () -> "fake-model");
		registry.add("OPENAI_API_KEY", () -> "sk-test");
		// What the platform derives from THOTH_LLM_* at start-up, which these dynamic
		// values come too late for.
		registry.add("spring.ai.model.chat", () -> "openai");
		registry.add("spring.ai.openai.base-url", model::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> "sk-test");
		registry.add("spring.ai.openai.chat.options.model", () -> "fake-model");
		registry.add("spring.ai.retry.max-attempts", () -> "1");
	}

	@Autowired
	PaperAnalyzer analyzer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChatClient.Builder chatClients;

	@AfterAll
	static void stopModel() {
		model.close();
	}

	@BeforeEach
	void noFallback() {
		model.otherwise(Answer.error(500));
	}

	@Test
	void aValidAnswerBecomesTheAnalysis() {
		model.enqueue(Answer.content(VALID));
		Analysis analysis = this.analyzer.analyze("Bi-criteria scheduling", "We schedule jobs.", "Body text.",
				List.of());
		assertThat(this.analyzer.usesModel()).isTrue();
		assertThat(analysis.summary()).startsWith("The paper schedules moldable jobs");
		assertThat(analysis.tags()).containsExactly("scheduling", "clusters");
		assertThat(analysis.analyzer()).isEqualTo("openai:fake-model");
		assertThat(model.requests().getLast()).contains("Bi-criteria scheduling").contains("fake-model");
	}

	@Test
	void nonsenseIsRetriedUntilTheAnswerParses() {
		int before = model.requests().size();
		model.enqueue(Answer.content("I am sorry, I cannot produce JSON today."), Answer.content("{\"summary\": \"\"}"),
				Answer.content(VALID));
		Analysis analysis = this.analyzer.analyze("T", "A", "B", List.of());
		assertThat(analysis.tags()).contains("scheduling");
		assertThat(model.requests().size() - before).isEqualTo(3);
	}

	@Test
	void aModelThatNeverAnswersUsefullyFailsTheStageWithTheReason() {
		model.otherwise(Answer.content("not json at all"));
		assertThatThrownBy(() -> this.analyzer.analyze("T", "A", "B", List.of()))
			.isInstanceOf(LlmAnalyzer.AnalysisFailedException.class)
			.hasMessageStartingWith("analysis failed after 3 attempts");
	}

	@Test
	void aSlowModelTimesOut() {
		// A short timeout of its own: the shared analyzer's is generous, so that a slow
		// first call on a busy machine does not shift the scripted answers of other
		// tests.
		LlmAnalyzer impatient = new LlmAnalyzer(this.chatClients.build(), "fake-model", 1, Duration.ofSeconds(2));
		model.otherwise(Answer.slow(VALID, Duration.ofSeconds(6)));
		assertThatThrownBy(() -> impatient.analyze("T", "A", "B"))
			.isInstanceOf(LlmAnalyzer.AnalysisFailedException.class)
			.hasMessageContaining("did not answer within PT2S");
	}

	@Test
	void aFailedAnalysisLeavesThePaperReadyWithTheErrorRecorded() throws Exception {
		model.otherwise(Answer.error(503));
		Corpus.Paper gadr = Corpus.papers()
			.stream()
			.filter((p) -> p.file().equals("gadr.pdf"))
			.findFirst()
			.orElseThrow();
		Files.copy(gadr.path(), workspace.resolve("inbox").resolve("gadr.pdf"));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> this.jdbc.sql("select count(*) from papers where content_sha256 = :hash and status = 'READY'")
				.param("hash", gadr.sha256())
				.query(Long.class)
				.single() == 1);
		Map<String, Object> stage = this.jdbc
			.sql("select s.status, s.error from job_stages s join ingest_jobs j on j.id = s.job_id "
					+ "where j.content_sha256 = :hash and s.stage = 'analysis'")
			.param("hash", gadr.sha256())
			.query()
			.singleRow();
		assertThat(stage.get("status")).isEqualTo("FAILED");
		assertThat((String) stage.get("error")).startsWith("analysis failed after 3 attempts");
		assertThat(this.jdbc.sql("select note_path from papers where content_sha256 = :hash")
			.param("hash", gadr.sha256())
			.query(String.class)
			.single()).endsWith(".md");
	}

}
