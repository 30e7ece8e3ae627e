package dev.thoth.mcp.ingestion;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.JobDetails;
import dev.thoth.clients.api.JobsClient;
import dev.thoth.clients.api.ReprocessRequest;
import dev.thoth.clients.api.WorkspaceImport;
import dev.thoth.clients.discovery.DiscoveryClient;
import dev.thoth.clients.discovery.PaperImport;
import dev.thoth.mcp.caller.Caller;
import dev.thoth.mcp.tools.Guard;
import dev.thoth.mcp.tools.OneOf;
import dev.thoth.mcp.tools.ThothTools;
import dev.thoth.mcp.tools.ToolOutput;
import dev.thoth.mcp.tools.ToolResults;
import dev.thoth.mcp.tools.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpTool.McpAnnotations;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/**
 * Papers into the library, and the jobs that ingest them. A workspace path goes to the
 * API; a URL, DOI or arXiv id to the discovery service, whose downloader fetches it with
 * the rules of discovery downloads (https, public addresses on every hop, size, PDF).
 */
@Component
class IngestionTools implements ThothTools {

	/** The stages a job runs, in order: progress counts them. */
	static final List<String> STAGES = List.of("inspect", "text", "metadata", "lookup", "references", "file", "graph",
			"analysis", "note", "chunks");

	private static final Set<String> FINISHED = Set.of("DONE", "FAILED", "QUARANTINED");

	/** Any scheme: the downloader refuses all but https, with its reason. */
	private static final Pattern URL = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://");

	private static final Pattern DOI = Pattern
		.compile("(?i)^(doi:\\s*|https?://(dx\\.)?doi\\.org/)?(10\\.\\d{4,9}/\\S+)$");

	/**
	 * New-style ids bare or with arxiv:, old-style ones (hep-th/9901001) with arxiv:
	 * only.
	 */
	private static final Pattern ARXIV = Pattern
		.compile("(?i)^(?:arxiv:\\s*)?(\\d{4}\\.\\d{4,5}(?:v\\d+)?)$|^arxiv:\\s*([a-z][a-z.-]*/\\d{7}(?:v\\d+)?)$");

	private static final Duration POLL = Duration.ofMillis(500);

	private final JobsClient jobs;

	private final DiscoveryClient discovery;

	IngestionTools(JobsClient jobs, DiscoveryClient discovery) {
		this.jobs = jobs;
		this.discovery = discovery;
	}

	@Override
	public Toolset toolset() {
		return Toolset.INGESTION;
	}

	@McpTool(name = "add_paper", title = "Add a paper",
			description = "Ingest a PDF given as one of: a path relative to the Thoth workspace folder (e.g. "
					+ "incoming/smith-2021.pdf; copied into the inbox, the original stays); an https URL of a PDF; a "
					+ "DOI (10.1000/xyz, doi:…, https://doi.org/…: its open-access PDF, if one is known); an arXiv id "
					+ "(2301.01234, arxiv:2301.01234v2, arxiv:hep-th/9901001). URLs are fetched safely: https only, "
					+ "public addresses only (every redirect checked), PDF content, a size limit. A job starts: follow "
					+ "it with job_status. The same content twice is one paper.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = true,
					openWorldHint = true))
	@ToolOutput(JobAccepted.class)
	CallToolResult addPaper(@McpToolParam(
			description = "A workspace-relative PDF path, an https URL of a PDF, a DOI " + "or an arXiv id") @Size(
					min = 1, max = 2000) String source) {
		return Guard.reply(() -> {
			String given = source.strip();
			Caller.Progress progress = Caller.current().map(Caller::progress).orElse(Caller.Progress.NONE);
			PaperImport remote = remote(given);
			JobAccepted job;
			if (remote != null) {
				progress.report(0, 2.0, "fetching " + given);
				job = this.discovery.importPaper(remote);
				progress.report(1, 2.0, "fetched; job " + job.jobId() + " " + job.status());
			}
			else {
				job = this.jobs.importFromWorkspace(new WorkspaceImport(given));
			}
			String text = "Queued " + given + " as job " + job.jobId() + " (" + job.status() + ")"
					+ ((job.paperId() != null) ? "; this content is paper " + job.paperId() + " already" : "")
					+ ". Follow it with job_status {\"jobId\": \"" + job.jobId() + "\", \"waitSeconds\": 30}.";
			return ToolResults.ok(job, text);
		});
	}

	@McpTool(name = "reprocess_paper", title = "Re-process a paper",
			description = "Run the pipeline again on a paper's stored PDF from one stage on, with every later stage: "
					+ "metadata (everything, the default), references, graph, analysis, note or chunks. The paper keeps "
					+ "its id and the user's corrections. Follow the job with job_status.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(JobAccepted.class)
	CallToolResult reprocessPaper(@McpToolParam(description = "The paper's id (a UUID)") UUID paperId,
			@McpToolParam(description = "The first stage to run again (default metadata)", required = false) @OneOf({
					"metadata", "references", "graph", "analysis", "note", "chunks" }) String fromStage) {
		return Guard.reply(() -> {
			JobAccepted job = this.jobs.reprocess(paperId, new ReprocessRequest(fromStage));
			return ToolResults.ok(job,
					"Re-processing paper " + paperId + " from " + ((fromStage != null) ? fromStage : "metadata")
							+ " as job " + job.jobId() + " (" + job.status() + "). Follow it with job_status.");
		});
	}

	/**
	 * What the discovery service fetches: a DOI, an arXiv id or a URL (any scheme, so
	 * that the downloader refuses all but https with its reason); null for a workspace
	 * path.
	 */
	static PaperImport remote(String source) {
		Matcher doi = DOI.matcher(source);
		if (doi.matches()) {
			return PaperImport.ofDoi(doi.group(3));
		}
		Matcher arxiv = ARXIV.matcher(source);
		if (arxiv.matches()) {
			return PaperImport.ofArxivId((arxiv.group(1) != null) ? arxiv.group(1) : arxiv.group(2));
		}
		return URL.matcher(source).find() ? PaperImport.ofUrl(source) : null;
	}

	/** What job_status returns. */
	record JobStatus(JobDetails job, boolean finished, int stagesDone, int stagesTotal) {
	}

	@McpTool(name = "job_status", title = "Job status",
			description = "An ingestion or re-processing job: its status and stages. With waitSeconds, waits up to "
					+ "that long for the job to finish (reporting progress, stage by stage, to clients that pass a "
					+ "progress token and whose transport carries notifications, such as stdio).",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(JobStatus.class)
	CallToolResult jobStatus(@McpToolParam(description = "The job's id (a UUID)") UUID jobId,
			@McpToolParam(description = "Seconds to wait for the job to finish (default 0: answer at once)",
					required = false) @Min(0) @Max(90) Integer waitSeconds) {
		return Guard.reply(() -> {
			long deadline = System.nanoTime() + Duration.ofSeconds((waitSeconds != null) ? waitSeconds : 0).toNanos();
			Caller.Progress progress = Caller.current().map(Caller::progress).orElse(Caller.Progress.NONE);
			JobDetails job = this.jobs.get(jobId);
			int reported = -1;
			while (true) {
				int done = stagesDone(job);
				if (done != reported) {
					progress.report(done, (double) STAGES.size(), job.status() + ": " + lastStage(job));
					reported = done;
				}
				if (FINISHED.contains(job.status()) || System.nanoTime() >= deadline) {
					break;
				}
				Thread.sleep(POLL);
				job = this.jobs.get(jobId);
			}
			boolean finished = FINISHED.contains(job.status());
			StringBuilder text = new StringBuilder("Job ").append(jobId).append(": ").append(job.status());
			if (job.paperId() != null) {
				text.append(", paper ").append(job.paperId());
			}
			if (job.error() != null) {
				text.append("\nerror: ").append(job.error());
			}
			job.stages()
				.forEach((stage) -> text.append("\n- ")
					.append(stage.stage())
					.append(": ")
					.append(stage.status())
					.append((stage.durationMs() != null) ? " (" + stage.durationMs() + " ms)" : "")
					.append((stage.message() != null) ? ", " + stage.message() : ""));
			if (!finished) {
				text.append("\nStill running: call job_status again with waitSeconds.");
			}
			return ToolResults.ok(new JobStatus(job, finished, stagesDone(job), STAGES.size()), text.toString());
		});
	}

	private static int stagesDone(JobDetails job) {
		return (int) job.stages().stream().filter((stage) -> STAGES.contains(stage.stage())).count();
	}

	private static String lastStage(JobDetails job) {
		return job.stages().isEmpty() ? "queued"
				: job.stages().getLast().stage() + " " + job.stages().getLast().status();
	}

}
