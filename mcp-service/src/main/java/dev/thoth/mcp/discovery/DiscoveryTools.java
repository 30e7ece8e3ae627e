package dev.thoth.mcp.discovery;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.ResearchQueryRequest;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.clients.discovery.DiscoveryClient;
import dev.thoth.clients.discovery.DiscoveryResult;
import dev.thoth.clients.discovery.DiscoveryRun;
import dev.thoth.clients.discovery.RunAccepted;
import dev.thoth.mcp.caller.Caller;
import dev.thoth.mcp.tools.Cursors;
import dev.thoth.mcp.tools.Guard;
import dev.thoth.mcp.tools.OneOf;
import dev.thoth.mcp.tools.ThothTools;
import dev.thoth.mcp.tools.ToolArgumentException;
import dev.thoth.mcp.tools.ToolOutput;
import dev.thoth.mcp.tools.ToolResults;
import dev.thoth.mcp.tools.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpTool.McpAnnotations;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/**
 * Research queries (the API's) and their runs, results and judgements (the discovery
 * service's).
 */
@Component
class DiscoveryTools implements ThothTools {

	private static final Duration POLL = Duration.ofMillis(500);

	private final ResearchQueriesClient queries;

	private final DiscoveryClient discovery;

	DiscoveryTools(ResearchQueriesClient queries, DiscoveryClient discovery) {
		this.queries = queries;
		this.discovery = discovery;
	}

	@Override
	public Toolset toolset() {
		return Toolset.DISCOVERY;
	}

	/** What list_research_queries returns. */
	record QueryList(List<ResearchQueryView> queries, long totalItems, String nextCursor) {
	}

	@McpTool(name = "list_research_queries", title = "List research queries",
			description = "The research queries the discovery service runs, by name: keywords, sources, schedule, "
					+ "thresholds and when each last ran. Paginated: pass nextCursor as cursor for the next page.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(QueryList.class)
	CallToolResult listResearchQueries(
			@McpToolParam(description = "true: only enabled queries; false: only disabled; leave out for all",
					required = false) Boolean enabled,
			@McpToolParam(description = "Queries per page (default 20)",
					required = false) @Min(1) @Max(100) Integer pageSize,
			@McpToolParam(description = "nextCursor from the previous page; leave out for the first",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int page = Cursors.page(cursor);
			PageResponse<ResearchQueryView> result = this.queries.list(enabled, page,
					(pageSize != null) ? pageSize : 20);
			String next = Cursors.next(page, result.totalPages());
			StringBuilder text = new StringBuilder().append(result.totalItems()).append(" research queries");
			result.items().forEach((query) -> text.append("\n- ").append(describe(query)));
			if (next != null) {
				text.append("\nMore: call list_research_queries with cursor ").append(next);
			}
			return ToolResults.ok(new QueryList(result.items(), result.totalItems(), next), text.toString());
		});
	}

	@McpTool(name = "create_research_query", title = "Create a research query",
			description = "Define what the discovery service looks for: keywords, arXiv categories or authors (at "
					+ "least one of them), on which sources, how often, and from which score a result counts as "
					+ "relevant. Run it at once with run_discovery.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = false,
					openWorldHint = false))
	@ToolOutput(ResearchQueryView.class)
	CallToolResult createResearchQuery(
			@McpToolParam(description = "A unique name, such as 'dark energy'") @Size(min = 1, max = 200) String name,
			@McpToolParam(description = "Search terms (phrases allowed)",
					required = false) @Size(max = 50) List<String> keywords,
			@McpToolParam(description = "arXiv categories, such as astro-ph.CO",
					required = false) @Size(max = 50) List<String> categories,
			@McpToolParam(description = "Author names", required = false) @Size(max = 50) List<String> authors,
			@McpToolParam(description = "Sources: arxiv, semantic_scholar, pubmed, crossref, openalex, biorxiv "
					+ "(default all)", required = false) @Size(max = 6) List<String> sources,
			@McpToolParam(
					description = "Schedule: @hourly, @daily (default), @weekly or a six-field cron "
							+ "(second minute hour day month weekday)",
					required = false) @Size(max = 100) String schedule,
			@McpToolParam(description = "Only papers from this year on",
					required = false) @Min(1500) @Max(2100) Integer minYear,
			@McpToolParam(description = "At most this many papers per run (default 50)",
					required = false) @Min(1) @Max(500) Integer maxResults,
			@McpToolParam(description = "Only papers published in the last so many days; not with from/to",
					required = false) @Min(1) @Max(3650) Integer lastDays,
			@McpToolParam(description = "Only papers published on or after this day (YYYY-MM-DD)",
					required = false) @Size(max = 10) String from,
			@McpToolParam(description = "Only papers published on or before this day (YYYY-MM-DD)",
					required = false) @Size(max = 10) String to,
			@McpToolParam(description = "The score (0 to 1) from which a result counts as relevant (default 0.5)",
					required = false) @DecimalMin("0") @DecimalMax("1") Double minRelevance,
			@McpToolParam(description = "Download relevant new results into the library by itself (default false)",
					required = false) Boolean autoDownload,
			@McpToolParam(description = "Whether scheduled runs happen (default true)",
					required = false) Boolean enabled) {
		return Guard.reply(() -> {
			ResearchQueryView created = this.queries
				.create(new ResearchQueryRequest(name, keywords, categories, authors, sources, minYear, maxResults,
						schedule, enabled, minRelevance, autoDownload, lastDays, date("from", from), date("to", to)));
			return ToolResults.ok(created, "Created research query " + describe(created)
					+ ". Run it now with run_discovery {\"queryId\": \"" + created.id() + "\"}.");
		});
	}

	@McpTool(name = "update_research_query", title = "Change a research query",
			description = "Change some of a research query's settings; what is left out stays as it is. A list given "
					+ "replaces the list (an empty list clears it).",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(ResearchQueryView.class)
	CallToolResult updateResearchQuery(@McpToolParam(description = "The query's id (a UUID)") UUID id,
			@McpToolParam(description = "A new unique name", required = false) @Size(min = 1, max = 200) String name,
			@McpToolParam(description = "Search terms", required = false) @Size(max = 50) List<String> keywords,
			@McpToolParam(description = "arXiv categories", required = false) @Size(max = 50) List<String> categories,
			@McpToolParam(description = "Author names", required = false) @Size(max = 50) List<String> authors,
			@McpToolParam(description = "Sources: arxiv, semantic_scholar, pubmed, crossref, openalex, biorxiv",
					required = false) @Size(max = 6) List<String> sources,
			@McpToolParam(description = "Schedule: @hourly, @daily, @weekly or a six-field cron",
					required = false) @Size(max = 100) String schedule,
			@McpToolParam(description = "Only papers from this year on",
					required = false) @Min(1500) @Max(2100) Integer minYear,
			@McpToolParam(description = "At most this many papers per run",
					required = false) @Min(1) @Max(500) Integer maxResults,
			@McpToolParam(description = "The score (0 to 1) from which a result counts as relevant",
					required = false) @DecimalMin("0") @DecimalMax("1") Double minRelevance,
			@McpToolParam(description = "Download relevant new results by itself",
					required = false) Boolean autoDownload,
			@McpToolParam(description = "Whether scheduled runs happen", required = false) Boolean enabled) {
		return Guard.reply(() -> {
			ResearchQueryView current = this.queries.get(id);
			ResearchQueryView updated = this.queries.replace(id, new ResearchQueryRequest(or(name, current.name()),
					or(keywords, current.keywords()), or(categories, current.categories()),
					or(authors, current.authors()), or(sources, current.sources()), or(minYear, current.minYear()),
					or(maxResults, current.maxResults()), or(schedule, current.schedule()),
					or(enabled, current.enabled()), or(minRelevance, current.minRelevance()),
					or(autoDownload, current.autoDownload()), current.lastDays(), current.from(), current.to()));
			return ToolResults.ok(updated, "Updated research query " + describe(updated) + ".");
		});
	}

	/** What delete_research_query returns. */
	record Deletion(UUID queryId, String name, boolean deleted) {
	}

	@McpTool(name = "delete_research_query", title = "Delete a research query",
			description = "Remove a research query: it runs no more. Papers it brought into the library stay. Needs "
					+ "confirm: true. Ask the user first.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = true, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Deletion.class)
	CallToolResult deleteResearchQuery(@McpToolParam(description = "The query's id (a UUID)") UUID id,
			@McpToolParam(description = "Must be true: the user agreed to delete this query") Boolean confirm) {
		return Guard.reply(() -> {
			if (!Boolean.TRUE.equals(confirm)) {
				throw new ToolArgumentException("confirm",
						"must be true to delete; ask the user to confirm the deletion of research query " + id
								+ " first");
			}
			ResearchQueryView query = this.queries.get(id);
			this.queries.delete(id);
			return ToolResults.ok(new Deletion(id, query.name(), true),
					"Deleted research query \"" + query.name() + "\" (" + id + ").");
		});
	}

	/** What run_discovery returns. */
	record RunStatus(DiscoveryRun run, boolean finished) {
	}

	@McpTool(name = "run_discovery", title = "Run a research query now",
			description = "Search the query's sources now (the query's run already queued or running, if any, is "
					+ "followed instead). With waitSeconds, waits up to that long for the run to end, reporting "
					+ "progress (queued, running, done) to clients that pass a progress token and whose transport "
					+ "carries notifications, such as stdio. Then read what it found with discovery_results.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = false,
					openWorldHint = true))
	@ToolOutput(RunStatus.class)
	CallToolResult runDiscovery(@McpToolParam(description = "The research query's id (a UUID)") UUID queryId,
			@McpToolParam(description = "Seconds to wait for the run to end (default 0: answer once queued)",
					required = false) @Min(0) @Max(90) Integer waitSeconds) {
		return Guard.reply(() -> {
			long deadline = System.nanoTime() + Duration.ofSeconds((waitSeconds != null) ? waitSeconds : 0).toNanos();
			Caller.Progress progress = Caller.current().map(Caller::progress).orElse(Caller.Progress.NONE);
			RunAccepted accepted = this.discovery.run(queryId);
			DiscoveryRun run = this.discovery.getRun(accepted.runId());
			String reported = null;
			while (true) {
				if (!run.status().equals(reported)) {
					progress.report(step(run), 2.0, "run " + run.status());
					reported = run.status();
				}
				if (run.finished() || System.nanoTime() >= deadline) {
					break;
				}
				Thread.sleep(POLL);
				run = this.discovery.getRun(accepted.runId());
			}
			StringBuilder text = new StringBuilder("Run ").append(run.runId())
				.append(" of query ")
				.append(queryId)
				.append(": ")
				.append(run.status());
			if (run.error() != null) {
				text.append("\nerror: ").append(run.error());
			}
			if (run.sources() != null) {
				run.sources()
					.forEach((source) -> text.append("\n- ")
						.append(source.source())
						.append(": ")
						.append(source.status())
						.append(", ")
						.append(source.fetched())
						.append(" fetched, ")
						.append(source.newResults())
						.append(" new")
						.append(source.errors().isEmpty() ? "" : ", " + String.join("; ", source.errors())));
			}
			text.append(
					run.finished() ? "\nSee what it found with discovery_results {\"queryId\": \"" + queryId + "\"}."
							: "\nStill " + run.status() + ": call run_discovery again with waitSeconds to follow it.");
			return ToolResults.ok(new RunStatus(run, run.finished()), text.toString());
		});
	}

	/** What discovery_results returns. */
	record ResultList(List<DiscoveryResult> results, long totalItems, String nextCursor) {
	}

	@McpTool(name = "discovery_results", title = "Discovery results",
			description = "What research queries found, best score first: title, authors, score with its "
					+ "explanation, identifiers, open-access PDF, status (new, accepted, rejected, downloaded, "
					+ "in_library). Accept the wanted ones with accept_result, reject the others with reject_result: "
					+ "the ranking learns from both. Paginated." + ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(ResultList.class)
	CallToolResult discoveryResults(
			@McpToolParam(description = "One research query's results (its id); leave out for all",
					required = false) UUID queryId,
			@McpToolParam(description = "Only results scoring at least this (0 to 1)",
					required = false) @DecimalMin("0") @DecimalMax("1") Double minScore,
			@McpToolParam(description = "Only results with this status",
					required = false) @OneOf({ "new", "accepted", "rejected", "downloaded",
							"in_library" }) String status,
			@McpToolParam(description = "Results per page (default 20)",
					required = false) @Min(1) @Max(100) Integer pageSize,
			@McpToolParam(description = "nextCursor from the previous page; leave out for the first",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int page = Cursors.page(cursor);
			PageResponse<DiscoveryResult> result = this.discovery.results(queryId, minScore, status, page,
					(pageSize != null) ? pageSize : 20);
			String next = Cursors.next(page, result.totalPages());
			StringBuilder text = new StringBuilder().append(result.totalItems()).append(" results");
			result.items().forEach((item) -> text.append("\n").append(describe(item)));
			if (next != null) {
				text.append("\nMore: call discovery_results with cursor ").append(next);
			}
			return ToolResults.ok(new ResultList(result.items(), result.totalItems(), next), text.toString());
		});
	}

	@McpTool(name = "accept_result", title = "Accept a discovery result",
			description = "The researcher wants this paper: its open-access PDF is downloaded into the library "
					+ "(status downloaded, then in_library once ingested; follow jobId with job_status) and the "
					+ "query's ranking learns from it. A result without an open-access PDF stays accepted with its "
					+ "downloadError.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = true,
					openWorldHint = true))
	@ToolOutput(DiscoveryResult.class)
	CallToolResult acceptResult(@McpToolParam(description = "The result's id (a UUID)") UUID resultId) {
		return Guard.reply(() -> {
			DiscoveryResult result = this.discovery.accept(resultId);
			return ToolResults.ok(result, "Accepted: " + describe(result) + ((result.jobId() != null)
					? "\nIngestion job " + result.jobId() + ": follow it with job_status." : ""));
		});
	}

	@McpTool(name = "reject_result", title = "Reject a discovery result",
			description = "The researcher does not want this paper: the query's ranking learns from it. A result "
					+ "whose PDF is in the library already cannot be rejected.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(DiscoveryResult.class)
	CallToolResult rejectResult(@McpToolParam(description = "The result's id (a UUID)") UUID resultId) {
		return Guard.reply(() -> {
			DiscoveryResult result = this.discovery.reject(resultId);
			return ToolResults.ok(result, "Rejected: " + describe(result));
		});
	}

	private static int step(DiscoveryRun run) {
		return switch (run.status()) {
			case "queued" -> 0;
			case "running" -> 1;
			default -> 2;
		};
	}

	static String describe(ResearchQueryView query) {
		return "\"" + query.name() + "\" (" + query.id() + "): keywords " + query.keywords() + ", categories "
				+ query.categories() + ", authors " + query.authors() + ", sources "
				+ (query.sources().isEmpty() ? "all" : query.sources()) + ", " + query.schedule()
				+ (query.enabled() ? "" : " (disabled)") + ", relevant from " + query.minRelevance()
				+ (query.autoDownload() ? ", downloads relevant results" : "") + ", last run "
				+ ((query.lastRunAt() != null) ? query.lastRunAt() : "never");
	}

	static String describe(DiscoveryResult result) {
		String about = result.title() + " — " + String.join(", ", result.authors())
				+ ((result.year() != null) ? " (" + result.year() + ")" : "");
		return "- " + result.id() + " [" + result.status() + ", score " + String.format("%.2f", result.score())
				+ (result.retracted() ? ", RETRACTED" : "") + "]"
				+ ((result.ids() != null && result.ids().doi() != null) ? " doi " + result.ids().doi() : "")
				+ ((result.downloadError() != null) ? " (not downloaded: " + result.downloadError() + ")" : "") + "\n"
				+ ToolResults.untrusted("discovery result " + result.id(), about);
	}

	private static LocalDate date(String argument, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new ToolArgumentException(argument, "expected a day as YYYY-MM-DD, such as 2024-01-31");
		}
	}

	private static <T> T or(T given, T current) {
		return (given != null) ? given : current;
	}

}
