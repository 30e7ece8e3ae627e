package dev.thoth.system.mcp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MCP service as a client sees it, over streamable HTTP through nginx in front of two
 * replicas, against the real API on real PostgreSQL: the handshake, every tool with its
 * schema, annotations and structured result (the memory tools through a real agent
 * service), the resources, prompts and completions, and the errors (bad arguments, no
 * key, a foreign Origin, an oversized body, a silent API).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpProtocolIT {

	static final List<String> TOOLS = List.of("search_papers", "ask_library", "get_paper", "list_papers", "read_paper",
			"get_note", "update_paper_metadata", "delete_paper", "library_stats", "list_tags", "tag_papers",
			"untag_papers", "rename_tag", "merge_tags", "suggest_tags", "get_references", "get_cited_by",
			"citation_network", "find_related_papers", "format_citations", "export_bibliography", "add_paper",
			"reprocess_paper", "job_status", "summarize_topic", "compare_papers", "generate_reading_list", "find_quote",
			"get_citation_context", "evaluate_paper", "list_research_queries", "create_research_query",
			"update_research_query", "delete_research_query", "run_discovery", "discovery_results", "accept_result",
			"reject_result", "memory_append", "memory_replace", "memory_insert", "memory_search");

	McpSuite suite;

	McpSyncClient client;

	String scheduling;

	String decisions;

	String answerValidation;

	@BeforeAll
	void connectAndFillTheLibrary() throws Exception {
		this.suite = McpSuite.get();
		this.client = client(this.suite.balanced());
		// gadr.pdf through the inbox; sample.pdf through add_paper; Wang's paper, to
		// delete.
		Files.copy(McpSuite.corpus("gadr.pdf"), this.suite.workspace.resolve("inbox/gadr.pdf"));
		Files.copy(McpSuite.corpus("Wang-paperAVE2008.pdf"), this.suite.workspace.resolve("inbox/wang.pdf"));
		Path incoming = Files.createDirectories(this.suite.workspace.resolve("incoming"));
		Files.copy(McpSuite.corpus("sample.pdf"), incoming.resolve("sample.pdf"));
		Map<String, Object> added = ok(call("add_paper", Map.of("source", "incoming/sample.pdf")));
		assertThat(added.get("status")).isIn("QUEUED", "RUNNING");
		Map<String, Object> status = ok(call("job_status", Map.of("jobId", added.get("jobId"), "waitSeconds", 90)));
		assertThat(status.get("finished")).isEqualTo(true);
		assertThat(map(status.get("job")).get("status")).isEqualTo("DONE");
		assertThat(status.get("stagesDone")).isEqualTo(10);
		this.scheduling = (String) map(status.get("job")).get("paperId");
		assertThat(Files.exists(incoming.resolve("sample.pdf"))).as("the original stays where it was").isTrue();
		for (int attempt = 0; attempt < 90 && (this.decisions == null || this.answerValidation == null); attempt++) {
			for (Map<String, Object> paper : list(ok(call("list_papers", Map.of("status", "READY"))).get("papers"))) {
				String title = String.valueOf(paper.get("title"));
				if (title.contains("Architectural Decision")) {
					this.decisions = (String) paper.get("id");
				}
				if (title.contains("Answer Validation") || title.contains("answer validation")) {
					this.answerValidation = (String) paper.get("id");
				}
			}
			Thread.sleep(1000);
		}
		assertThat(this.decisions).as("the paper dropped into the inbox").isNotNull();
		assertThat(this.answerValidation).as("the paper to delete").isNotNull();
	}

	@AfterAll
	void disconnect() {
		this.client.closeGracefully();
	}

	@Test
	void initializeNamesTheServerAndItsCapabilities() {
		McpSchema.InitializeResult init = this.client.getCurrentInitializationResult();
		assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
		assertThat(init.serverInfo().name()).isEqualTo("thoth");
		assertThat(init.capabilities().tools()).isNotNull();
		assertThat(init.capabilities().resources()).isNotNull();
		assertThat(init.capabilities().prompts()).isNotNull();
		assertThat(init.capabilities().completions()).isNotNull();
		assertThat(init.instructions()).contains("document-content");
	}

	@Test
	void everyToolIsListedWithItsSchemasAndAnnotations() {
		List<McpSchema.Tool> tools = this.client.listTools().tools();
		assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
		for (McpSchema.Tool tool : tools) {
			assertThat(tool.name()).matches("[a-z]+(_[a-z]+)*");
			assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(40);
			assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
			assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object").containsKey("properties");
			assertThat(tool.annotations()).as(tool.name()).isNotNull();
			for (Object property : map(tool.inputSchema().get("properties")).values()) {
				assertThat(map(property)).as(tool.name()).containsKey("description");
			}
		}
		Map<String, McpSchema.Tool> byName = new HashMap<>();
		tools.forEach((tool) -> byName.put(tool.name(), tool));
		assertThat(byName.get("search_papers").annotations().readOnlyHint()).isTrue();
		assertThat(byName.get("search_papers").annotations().openWorldHint()).isFalse();
		assertThat(byName.get("delete_paper").annotations().readOnlyHint()).isFalse();
		assertThat(byName.get("delete_paper").annotations().destructiveHint()).isTrue();
		assertThat(byName.get("tag_papers").annotations().destructiveHint()).isFalse();
		assertThat(byName.get("tag_papers").annotations().idempotentHint()).isTrue();
		assertThat(byName.get("merge_tags").annotations().idempotentHint()).isFalse();
		Map<String, Object> k = map(map(byName.get("search_papers").inputSchema().get("properties")).get("k"));
		assertThat(k).containsEntry("minimum", 1).containsEntry("maximum", 50);
		assertThat(values(byName.get("search_papers").inputSchema().get("required"))).isEqualTo(List.of("query"));
		assertThat(map(map(byName.get("get_paper").inputSchema().get("properties")).get("id"))).containsKey("pattern");
		assertThat(map(map(byName.get("export_bibliography").inputSchema().get("properties")).get("format")))
			.containsEntry("enum", List.of("bibtex", "ris", "csl-json"));
		assertThat(values(byName.get("delete_paper").inputSchema().get("required"))).contains("id", "confirm");
	}

	@Test
	void libraryTools() {
		Map<String, Object> search = ok(call("search_papers",
				Map.of("query", "scheduling parallel jobs on a cluster", "k", 3, "yearFrom", 2000, "yearTo", 2010)));
		List<Map<String, Object>> passages = list(search.get("passages"));
		assertThat(passages).isNotEmpty().allSatisfy((passage) -> {
			assertThat(passage.get("paperId")).isEqualTo(this.scheduling);
			assertThat(String.valueOf(passage.get("pdfUrl"))).contains("/pdf#page=");
		});
		List<Map<String, Object>> recent = list(
				ok(call("search_papers", Map.of("query", "scheduling", "yearFrom", 2015))).get("passages"));
		assertThat(recent).extracting((passage) -> passage.get("paperId")).doesNotContain(this.scheduling);
		CallToolResult searched = call("search_papers", Map.of("query", "architectural decisions", "k", 2));
		assertThat(text(searched)).contains("<document-content source=\"paper ").contains("</document-content>");

		Map<String, Object> answer = ok(
				call("ask_library", Map.of("question", "What is a bi-criteria scheduling algorithm?")));
		assertThat(answer.get("answered")).isEqualTo(true);
		assertThat(list(answer.get("citations"))).isNotEmpty();

		Map<String, Object> paper = ok(call("get_paper", Map.of("id", this.scheduling)));
		assertThat(String.valueOf(paper.get("title"))).contains("Scheduling Jobs on Cluster");
		assertThat(paper.get("year")).isEqualTo(2004);

		Map<String, Object> first = ok(call("list_papers", Map.of("pageSize", 1, "sort", "title")));
		assertThat(list(first.get("papers"))).hasSize(1);
		assertThat(first.get("nextCursor")).isNotNull();
		Map<String, Object> second = ok(
				call("list_papers", Map.of("pageSize", 1, "sort", "title", "cursor", first.get("nextCursor"))));
		assertThat(list(second.get("papers")).getFirst().get("id"))
			.isNotEqualTo(list(first.get("papers")).getFirst().get("id"));

		Map<String, Object> part = ok(call("read_paper", Map.of("id", this.scheduling, "maxChars", 1500)));
		List<Map<String, Object>> pages = list(part.get("pages"));
		assertThat(pages.getFirst().get("page")).isEqualTo(1);
		assertThat(String.valueOf(pages.getFirst().get("text"))).contains("Bi-criteria");
		assertThat(part.get("nextCursor")).isNotNull();
		String firstText = String.valueOf(pages.getFirst().get("text"));
		Map<String, Object> rest = ok(
				call("read_paper", Map.of("id", this.scheduling, "maxChars", 1500, "cursor", part.get("nextCursor"))));
		Map<String, Object> continued = list(rest.get("pages")).getFirst();
		assertThat(continued.get("page")).isEqualTo(1);
		assertThat((Integer) continued.get("offset")).isEqualTo(firstText.length());
		Map<String, Object> pageEight = ok(
				call("read_paper", Map.of("id", this.scheduling, "fromPage", 8, "toPage", 8)));
		assertThat(list(pageEight.get("pages"))).extracting((page) -> page.get("page")).containsExactly(8);
		assertThat(pageEight).doesNotContainKey("nextCursor");

		Map<String, Object> note = ok(call("get_note", Map.of("id", this.scheduling)));
		assertThat(String.valueOf(note.get("markdown"))).startsWith("---").contains("Bi-criteria");

		Map<String, Object> corrected = ok(
				call("update_paper_metadata", Map.of("id", this.decisions, "venue", "ZEUS 2019 (corrected)")));
		assertThat(corrected.get("venue")).isEqualTo("ZEUS 2019 (corrected)");
		assertThat(map(map(corrected.get("provenance")).get("venue")).get("source")).isEqualTo("user");
		assertThat(text(call("update_paper_metadata", Map.of("id", this.decisions)))).contains("at least one field");

		Map<String, Object> stats = ok(call("library_stats", Map.of()));
		assertThat(((Number) stats.get("papers")).intValue()).isGreaterThanOrEqualTo(2);
		assertThat(((Number) stats.get("passages")).intValue()).isPositive();
	}

	@Test
	void deletingAPaperNeedsConfirmation() {
		CallToolResult unconfirmed = call("delete_paper", Map.of("id", this.answerValidation, "confirm", false));
		assertThat(unconfirmed.isError()).isTrue();
		assertThat(text(unconfirmed)).contains("confirm").contains("ask the user");
		assertThat(ok(call("get_paper", Map.of("id", this.answerValidation))).get("id"))
			.isEqualTo(this.answerValidation);
		Map<String, Object> deleted = ok(call("delete_paper", Map.of("id", this.answerValidation, "confirm", true)));
		assertThat(deleted.get("deleted")).isEqualTo(true);
		CallToolResult gone = call("get_paper", Map.of("id", this.answerValidation));
		assertThat(gone.isError()).isTrue();
		assertThat(text(gone)).startsWith("Not found");
	}

	@Test
	void memoryToolsEditTheAgentsMemoryAndAResearcherRevertsAnEdit() throws Exception {
		Map<String, Object> appended = ok(
				call("memory_append", Map.of("label", "research_focus", "text", "Bi-criteria scheduling on clusters")));
		assertThat(appended.get("label")).isEqualTo("research_focus");
		assertThat(appended.get("value")).isEqualTo("Bi-criteria scheduling on clusters");
		assertThat(appended.get("limit")).isEqualTo(5000);
		ok(call("memory_replace", Map.of("label", "research_focus", "oldText", "clusters", "newText", "HPC clusters")));
		Map<String, Object> inserted = ok(
				call("memory_insert", Map.of("label", "research_focus", "text", "Since December:", "line", 0)));
		assertThat(inserted.get("value")).isEqualTo("Since December:\nBi-criteria scheduling on HPC clusters");

		Map<String, Object> stored = ok(call("memory_insert",
				Map.of("label", "archival", "text", "The researcher compares makespan and average completion time.")));
		assertThat(stored.get("label")).isEqualTo("archival");
		CallToolResult searched = call("memory_search",
				Map.of("query", "which scheduling objectives matter to them", "scope", "archival", "k", 3));
		List<Map<String, Object>> passages = list(ok(searched).get("passages"));
		assertThat(passages.getFirst().get("id")).isEqualTo(stored.get("passageId"));
		assertThat(text(searched)).contains("<document-content source=\"archival passage ");

		CallToolResult notThere = call("memory_replace",
				Map.of("label", "research_focus", "oldText", "grid computing", "newText", "x"));
		assertThat(notThere.isError()).isTrue();
		assertThat(text(notThere)).contains("oldText").contains("not found");
		ok(call("memory_append", Map.of("label", "human", "text", "x".repeat(4000))));
		CallToolResult over = call("memory_append", Map.of("label", "human", "text", "y".repeat(4000)));
		assertThat(over.isError()).isTrue();
		assertThat(text(over)).contains("over its limit of 5000");
		CallToolResult archivalLine = call("memory_insert", Map.of("label", "archival", "text", "t", "line", 2));
		assertThat(archivalLine.isError()).isTrue();

		// The researcher sees what the agent remembered, and reverts the insert.
		HttpResponse<String> history = this.suite.agentCall("GET", "/agent/v1/memory/history?size=10");
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(history.body()).contains("\"source\":\"tool\"").contains("block_insert").contains("archival_insert");
		HttpResponse<String> reverted = this.suite.agentCall("POST",
				"/agent/v1/memory/revert/" + inserted.get("editId"));
		assertThat(reverted.statusCode()).as(reverted.body()).isEqualTo(200);
		HttpResponse<String> block = this.suite.agentCall("GET", "/agent/v1/memory/blocks/research_focus");
		assertThat(field(block.body(), "value")).isEqualTo("Bi-criteria scheduling on HPC clusters");
		assertThat(this.suite.agentCall("POST", "/agent/v1/memory/revert/" + inserted.get("editId")).statusCode())
			.isEqualTo(409);
	}

	@Test
	void tagTools() {
		Map<String, Object> tagged = ok(call("tag_papers", Map.of("paperIds", List.of(this.scheduling, this.decisions),
				"tags", List.of("MCP Test", "mcp-other"))));
		assertThat(list(tagged.get("done"))).hasSize(4);
		Map<String, Object> tags = ok(call("list_tags", Map.of("prefix", "mcp")));
		assertThat(list(tags.get("tags"))).extracting((tag) -> tag.get("name")).contains("mcp test", "mcp-other");
		Map<String, Object> renamed = ok(call("rename_tag", Map.of("tag", "MCP test", "newName", "mcp renamed")));
		assertThat(renamed.get("name")).isEqualTo("mcp renamed");
		assertThat(renamed.get("paperCount")).isEqualTo(2);
		CallToolResult clash = call("rename_tag", Map.of("tag", "mcp renamed", "newName", "mcp-other"));
		assertThat(clash.isError()).isTrue();
		assertThat(text(clash)).contains("merge_tags");
		Map<String, Object> merged = ok(
				call("merge_tags", Map.of("tags", List.of("mcp-other"), "into", "mcp renamed")));
		assertThat(map(merged.get("into")).get("name")).isEqualTo("mcp renamed");
		assertThat(values(merged.get("merged"))).containsExactly("mcp-other");
		assertThat(text(call("rename_tag", Map.of("tag", "no-such-tag", "newName", "x")))).contains("list_tags");
		Map<String, Object> untagged = ok(
				call("untag_papers", Map.of("paperIds", List.of(this.decisions), "tags", List.of("mcp renamed"))));
		assertThat(list(untagged.get("done"))).hasSize(1);
		Map<String, Object> suggestions = ok(call("suggest_tags", Map.of("paperId", this.decisions, "k", 5)));
		assertThat(suggestions.get("paperId")).isEqualTo(this.decisions);
		assertThat(list(suggestions.get("suggestions")))
			.allSatisfy((suggestion) -> assertThat(list(suggestion.get("reasons"))).isNotEmpty());
	}

	@Test
	void citationTools() throws Exception {
		Map<String, Object> references = ok(call("get_references", Map.of("paperId", this.scheduling, "pageSize", 5)));
		assertThat(((Number) references.get("totalItems")).intValue()).isGreaterThan(10);
		assertThat(list(references.get("references"))).hasSize(5);
		// Ingested offline: every field is as parsed, none from an online lookup.
		assertThat(list(references.get("references")))
			.allSatisfy((reference) -> assertThat(reference).containsEntry("provenance", Map.of()));
		assertThat(references.get("nextCursor")).isNotNull();
		assertThat(text(call("get_references", Map.of("paperId", this.scheduling)))).contains("<document-content");
		Map<String, Object> citedBy = ok(call("get_cited_by", Map.of("paperId", this.scheduling)));
		assertThat(citedBy.get("totalItems")).isEqualTo(0);
		Map<String, Object> network = ok(call("citation_network", Map.of("limit", 50)));
		assertThat(list(network.get("nodes"))).extracting((node) -> node.get("id")).contains(this.scheduling);
		Map<String, Object> related = ok(call("find_related_papers", Map.of("paperId", this.scheduling, "k", 5)));
		assertThat(related.get("paperId")).isEqualTo(this.scheduling);
		assertThat(related).containsKey("related");

		Map<String, Object> apa = ok(
				call("format_citations", Map.of("paperIds", List.of(this.decisions, this.scheduling), "style", "apa")));
		List<Map<String, Object>> entries = list(apa.get("entries"));
		assertThat(entries).hasSize(2);
		// APA sorts by author: Dutot (the scheduling paper) before Kopp, whatever order
		// was asked for.
		assertThat(entries.getFirst().get("paperId")).isEqualTo(this.scheduling);
		assertThat(String.valueOf(entries.getFirst().get("text"))).contains("Dutot").contains("(2004)");
		assertThat(entries.get(1).get("paperId")).isEqualTo(this.decisions);
		Map<String, Object> ieee = ok(
				call("format_citations", Map.of("paperIds", List.of(this.scheduling), "style", "ieee")));
		assertThat(String.valueOf(list(ieee.get("entries")).getFirst().get("text"))).startsWith("[1]");
		assertThat(ok(call("format_citations", Map.of("paperIds", List.of(this.scheduling), "style", "nature-physics")))
			.get("style")).isEqualTo("nature");
		CallToolResult badStyle = call("format_citations",
				Map.of("paperIds", List.of(this.scheduling), "style", "no-such-style"));
		assertThat(badStyle.isError()).isTrue();
		assertThat(text(badStyle)).contains("style");

		String bibtex = String
			.valueOf(ok(call("export_bibliography", Map.of("format", "bibtex", "paperIds", List.of(this.scheduling))))
				.get("content"));
		assertThat(bibtex).contains("@article{dutot2004").contains("author = {Pierre-François Dutot and");
		String ris = String
			.valueOf(ok(call("export_bibliography", Map.of("format", "ris", "query", "Markdown"))).get("content"));
		assertThat(ris).startsWith("TY  - ").contains("AU  - Oliver Kopp").contains("ER  - ");
		String csl = String.valueOf(ok(call("export_bibliography", Map.of("format", "csl-json"))).get("content"));
		assertThat(new tools.jackson.databind.json.JsonMapper().readTree(csl).size()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void ingestionTools() {
		Map<String, Object> again = ok(call("add_paper", Map.of("source", "incoming/sample.pdf")));
		assertThat(again).containsKey("jobId");
		CallToolResult escape = call("add_paper", Map.of("source", "../../etc/passwd.pdf"));
		assertThat(escape.isError()).isTrue();
		assertThat(text(escape)).contains("path").contains("inside the workspace");
		CallToolResult notPdf = call("add_paper", Map.of("source", "incoming/notes.txt"));
		assertThat(notPdf.isError()).isTrue();
		assertThat(text(notPdf)).contains(".pdf");
		CallToolResult unknownDoi = call("add_paper", Map.of("source", "10.1145/1007912.1007932"));
		assertThat(unknownDoi.isError()).isTrue();
		assertThat(text(unknownDoi)).contains("CrossRef does not know the DOI 10.1145/1007912.1007932");

		Map<String, Object> job = ok(call("reprocess_paper", Map.of("paperId", this.decisions, "fromStage", "chunks")));
		Map<String, Object> status = ok(call("job_status", Map.of("jobId", job.get("jobId"), "waitSeconds", 60)));
		assertThat(status.get("finished")).isEqualTo(true);
		assertThat(list(map(status.get("job")).get("stages"))).extracting((stage) -> stage.get("stage"))
			.contains("chunks");
		assertThat(call("reprocess_paper", Map.of("paperId", this.decisions, "fromStage", "everything")).isError())
			.isTrue();
	}

	@Test
	void addPaperFetchesUrlsDoisAndArxivIdsThroughTheDiscoveryDownloader() {
		WireMockServer sources = this.suite.sources;
		Map<String, Object> byUrl = ok(call("add_paper", Map.of("source", sources.baseUrl() + "/pdf/0807.3577")));
		Map<String, Object> status = ok(call("job_status", Map.of("jobId", byUrl.get("jobId"), "waitSeconds", 90)));
		assertThat(status.get("finished")).isEqualTo(true);
		assertThat(map(status.get("job")).get("status")).isEqualTo("DONE");
		assertThat(map(status.get("job")).get("paperId")).isNotNull();

		// arXiv ids go to arXiv's PDF address (here the replay); a DOI to the PDF link
		// CrossRef records for it.
		Map<String, Object> byArxiv = ok(call("add_paper", Map.of("source", "arxiv:0807.3577v3")));
		assertThat(byArxiv).containsKeys("jobId", "status");
		assertThat(sources.findAll(getRequestedFor(urlPathEqualTo("/pdf/0807.3577v3")))).isNotEmpty();
		Map<String, Object> byDoi = ok(
				call("add_paper", Map.of("source", "https://doi.org/10.1088/1475-7516/2008/10/003")));
		assertThat(byDoi).containsKeys("jobId", "status");
		assertThat(sources.findAll(getRequestedFor(urlPathMatching("/crossref/works/10\\.1088.*")))).isNotEmpty();

		CallToolResult closed = call("add_paper", Map.of("source", "doi:10.5555/thoth.closed.1"));
		assertThat(closed.isError()).isTrue();
		assertThat(text(closed)).contains("no open-access PDF is known for 10.5555/thoth.closed.1");
		CallToolResult badArxiv = call("add_paper", Map.of("source", "arxiv:not-an-id"));
		assertThat(badArxiv.isError()).isTrue();
	}

	@Test
	void addPaperRefusesWhatDiscoveryDownloadsMayNotReach() {
		WireMockServer sources = this.suite.sources;
		sources.stubFor(get(urlPathEqualTo("/redirect/loopback")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "https://127.0.0.1:" + this.suite.api + "/api/v1/papers")));
		sources.stubFor(get(urlPathEqualTo("/redirect/metadata")).willReturn(
				aResponse().withStatus(302).withHeader("Location", "https://169.254.169.254/latest/meta-data/")));
		sources.stubFor(get(urlPathEqualTo("/not-a-pdf"))
			.willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody("<html>login</html>")));
		Map<String, String> refusals = Map.of("https://127.0.0.1/paper.pdf", "a loopback address",
				"https://[::1]/paper.pdf", "a loopback address", "https://10.1.2.3/paper.pdf", "a private address",
				"https://192.168.0.1/paper.pdf", "a private address", "http://example.org/paper.pdf",
				"the scheme 'http' is not allowed", "ftp://example.org/paper.pdf", "the scheme 'ftp' is not allowed",
				sources.baseUrl() + "/redirect/loopback", "a loopback address",
				sources.baseUrl() + "/redirect/metadata", "a link-local address", sources.baseUrl() + "/not-a-pdf",
				"is not a PDF");
		refusals.forEach((url, reason) -> {
			CallToolResult refused = call("add_paper", Map.of("source", url));
			assertThat(refused.isError()).as(url).isTrue();
			assertThat(text(refused)).as(url).contains(reason);
		});
		assertThat(sources.findAll(getRequestedFor(urlPathEqualTo("/redirect/loopback")))).isNotEmpty();
	}

	@Test
	void discoveryTools() {
		Map<String, Object> created = ok(call("create_research_query", Map.of("name", "cosmology", "keywords",
				List.of("backreaction", "cosmic acceleration"), "minRelevance", 0.3)));
		String query = (String) created.get("id");
		assertThat(created.get("schedule")).isEqualTo("@daily");
		assertThat(created.get("keywords")).isEqualTo(List.of("backreaction", "cosmic acceleration"));
		assertThat(list(ok(call("list_research_queries", Map.of("enabled", true))).get("queries")))
			.extracting((item) -> item.get("id"))
			.contains(query);
		Map<String, Object> updated = ok(
				call("update_research_query", Map.of("id", query, "schedule", "@weekly", "minRelevance", 0.2)));
		assertThat(updated.get("schedule")).isEqualTo("@weekly");
		assertThat(updated.get("minRelevance")).isEqualTo(0.2);
		assertThat(updated.get("keywords")).as("left as it was").isEqualTo(created.get("keywords"));
		CallToolResult badDate = call("create_research_query",
				Map.of("name", "dated", "keywords", List.of("x"), "from", "2024-13-01"));
		assertThat(badDate.isError()).isTrue();
		assertThat(text(badDate)).contains("from").contains("YYYY-MM-DD");

		Map<String, Object> run = ok(call("run_discovery", Map.of("queryId", query, "waitSeconds", 90)));
		assertThat(run.get("finished")).isEqualTo(true);
		assertThat(map(run.get("run")).get("status")).isEqualTo("completed");
		assertThat(list(map(run.get("run")).get("sources"))).extracting((source) -> source.get("source"))
			.contains("arxiv", "semantic_scholar", "pubmed", "crossref", "openalex", "biorxiv");
		assertThat(call("run_discovery", Map.of("queryId", java.util.UUID.randomUUID().toString())).isError()).isTrue();

		Map<String, Object> results = ok(
				call("discovery_results", Map.of("queryId", query, "status", "new", "pageSize", 100)));
		List<Map<String, Object>> items = list(results.get("results"));
		assertThat(items).hasSizeGreaterThan(2);
		assertThat(items).allSatisfy((item) -> {
			assertThat(item.get("queryId")).isEqualTo(query);
			assertThat(map(item.get("explanation")).get("summary")).isNotNull();
		});
		assertThat(text(call("discovery_results", Map.of("queryId", query, "pageSize", 1))))
			.contains("<document-content");
		Map<String, Object> wanted = items.stream()
			.filter((item) -> item.get("pdfUrl") != null && Boolean.FALSE.equals(item.get("retracted")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> accepted = ok(call("accept_result", Map.of("resultId", wanted.get("id"))));
		assertThat(accepted.get("status")).isIn("accepted", "downloaded", "in_library");
		Map<String, Object> unwanted = items.stream()
			.filter((item) -> !item.get("id").equals(wanted.get("id")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> rejected = ok(call("reject_result", Map.of("resultId", unwanted.get("id"))));
		assertThat(rejected.get("status")).isEqualTo("rejected");
		assertThat(list(ok(call("discovery_results", Map.of("queryId", query, "status", "rejected"))).get("results")))
			.extracting((item) -> item.get("id"))
			.containsExactly(unwanted.get("id"));

		CallToolResult unconfirmed = call("delete_research_query", Map.of("id", query, "confirm", false));
		assertThat(unconfirmed.isError()).isTrue();
		assertThat(text(unconfirmed)).contains("confirm");
		Map<String, Object> deleted = ok(call("delete_research_query", Map.of("id", query, "confirm", true)));
		assertThat(deleted.get("deleted")).isEqualTo(true);
		assertThat(list(ok(call("list_research_queries", Map.of())).get("queries")))
			.extracting((item) -> item.get("id"))
			.doesNotContain(query);
	}

	@Test
	void lookupAndReadingTools() {
		Map<String, Object> quote = ok(call("find_quote", Map.of("quote",
				"Jobs are considered as parallel tasks (PT) which can be scheduled on any number of processors")));
		Map<String, Object> best = list(quote.get("matches")).getFirst();
		assertThat(best.get("paperId")).isEqualTo(this.scheduling);
		assertThat(best.get("page")).isEqualTo(1);
		assertThat(best.get("exact")).isEqualTo(true);
		assertThat(String.valueOf(best.get("pdfUrl"))).endsWith("/pdf#page=1");
		Map<String, Object> misquoted = list(ok(call("find_quote",
				Map.of("quote", "Jobs are seen as parallel tasks which can be scheduled on any number of machines")))
			.get("matches")).getFirst();
		assertThat(misquoted.get("exact")).isEqualTo(false);
		assertThat(((Number) misquoted.get("similarity")).doubleValue()).isBetween(0.5, 0.99);
		assertThat(
				list(ok(call("find_quote", Map.of("quote", "zebra quantum marmalade wholly absent"))).get("matches")))
			.isEmpty();

		Map<String, Object> contexts = ok(
				call("get_citation_context", Map.of("paperId", this.scheduling, "referencePosition", 3)));
		Map<String, Object> reference = list(contexts.get("references")).getFirst();
		List<Map<String, Object>> sentences = list(reference.get("contexts"));
		assertThat(sentences).isNotEmpty();
		assertThat(sentences.getFirst().get("marker")).isEqualTo("[3]");
		assertThat(String.valueOf(sentences.getFirst().get("sentence"))).contains("Mosix");

		Map<String, Object> evaluation = ok(call("evaluate_paper", Map.of("paperId", this.decisions)));
		assertThat(String.valueOf(evaluation.get("evaluatedBy"))).startsWith("extractive");
		for (String part : List.of("question", "method", "evidence", "limitations")) {
			assertThat(map(evaluation.get(part))).as(part).containsKeys("text", "pages");
		}
		assertThat(values(map(evaluation.get("question")).get("pages"))).isNotEmpty();
	}

	@Test
	void synthesisToolsSayTheyAreExtractiveWithoutAModel() {
		Map<String, Object> summary = ok(call("summarize_topic", Map.of("topic", "scheduling jobs on clusters")));
		assertThat(String.valueOf(summary.get("synthesizedBy"))).startsWith("extractive");
		assertThat(list(summary.get("citations"))).isNotEmpty();
		assertThat(String.valueOf(summary.get("summary"))).contains("[1]");
		Map<String, Object> comparison = ok(
				call("compare_papers", Map.of("paperIds", List.of(this.scheduling, this.decisions))));
		assertThat(list(comparison.get("papers"))).extracting((paper) -> paper.get("paperId"))
			.containsExactly(this.scheduling, this.decisions);
		assertThat(String.valueOf(comparison.get("synthesizedBy"))).startsWith("extractive");
		Map<String, Object> readings = ok(
				call("generate_reading_list", Map.of("topic", "architectural decisions", "k", 3)));
		assertThat(list(readings.get("papers"))).isNotEmpty().first().satisfies((item) -> {
			assertThat(item.get("rank")).isEqualTo(1);
			assertThat(item).containsKeys("paperId", "startAtPage", "why", "pdfUrl");
		});
		CallToolResult single = call("compare_papers", Map.of("paperIds", List.of(this.scheduling)));
		assertThat(single.isError()).isTrue();
	}

	@Test
	void resourcesAreTemplatesAndReadable() throws Exception {
		assertThat(this.client.listResourceTemplates().resourceTemplates())
			.extracting(McpSchema.ResourceTemplate::uriTemplate)
			.containsExactlyInAnyOrder("thoth://papers/{id}", "thoth://papers/{id}/note",
					"thoth://papers/{id}/text{?pages}", "thoth://research-queries/{id}");
		assertThat(this.client.listResources().resources()).extracting(McpSchema.Resource::uri)
			.containsExactly("thoth://library/stats");
		assertThat(read("thoth://papers/" + this.scheduling)).contains("\"title\":\"Bi-criteria");
		assertThat(read("thoth://papers/" + this.scheduling + "/note")).startsWith("---");
		String pages = read("thoth://papers/" + this.scheduling + "/text?pages=2-3");
		assertThat(pages).contains("--- page 2 ---").contains("--- page 3 ---").doesNotContain("--- page 4 ---");
		assertThat(read("thoth://papers/" + this.scheduling + "/text")).contains("--- page 1 ---")
			.contains("--- page 8 ---");
		assertThat(read("thoth://library/stats")).contains("\"papers\":");
		HttpResponse<String> query = this.suite.apiPost("/api/v1/research-queries",
				"{\"name\": \"MCP moldable jobs\", \"keywords\": [\"moldable\"]}");
		assertThat(query.statusCode()).isEqualTo(201);
		String queryId = field(query.body(), "id");
		assertThat(read("thoth://research-queries/" + queryId)).contains("MCP moldable jobs");
		assertThatThrownBy(() -> read("thoth://papers/00000000-0000-0000-0000-000000000000"))
			.isInstanceOf(McpError.class)
			.hasMessageContaining("not found");
		assertThatThrownBy(() -> read("thoth://papers/not-a-uuid")).isInstanceOf(McpError.class)
			.hasMessageContaining("UUID");

		McpSchema.CompleteResult queries = this.client.completeCompletion(new McpSchema.CompleteRequest(
				new McpSchema.ResourceReference("ref/resource", "thoth://research-queries/{id}"),
				new McpSchema.CompleteRequest.CompleteArgument("id", "mcp mold")));
		assertThat(queries.completion().values()).containsExactly(queryId);
		McpSchema.CompleteResult papers = this.client.completeCompletion(
				new McpSchema.CompleteRequest(new McpSchema.ResourceReference("ref/resource", "thoth://papers/{id}"),
						new McpSchema.CompleteRequest.CompleteArgument("id", "Bi-crit")));
		assertThat(papers.completion().values()).containsExactly(this.scheduling);
	}

	@Test
	void promptsTakeArgumentsAndCompleteThem() {
		List<McpSchema.Prompt> prompts = this.client.listPrompts().prompts();
		assertThat(prompts).extracting(McpSchema.Prompt::name)
			.containsExactlyInAnyOrder("literature_review", "critique_paper", "find_gaps", "compare_methods");
		assertThat(prompts).allSatisfy((prompt) -> assertThat(prompt.arguments()).isNotEmpty());
		McpSchema.GetPromptResult review = this.client.getPrompt(new McpSchema.GetPromptRequest("literature_review",
				Map.of("topic", "cluster scheduling", "tag", "mcp renamed")));
		assertThat(((TextContent) review.messages().getFirst().content()).text()).contains("cluster scheduling")
			.contains("generate_reading_list")
			.contains("tagged 'mcp renamed'");
		McpSchema.GetPromptResult critique = this.client
			.getPrompt(new McpSchema.GetPromptRequest("critique_paper", Map.of("paperId", this.scheduling)));
		assertThat(((TextContent) critique.messages().getFirst().content()).text()).contains("Bi-criteria")
			.contains("evaluate_paper");
		assertThat(((TextContent) this.client
			.getPrompt(new McpSchema.GetPromptRequest("find_gaps", Map.of("topic", "decision records")))
			.messages()
			.getFirst()
			.content()).text()).contains("decision records");
		assertThat(((TextContent) this.client
			.getPrompt(new McpSchema.GetPromptRequest("compare_methods",
					Map.of("paperIds", this.scheduling + "," + this.decisions)))
			.messages()
			.getFirst()
			.content()).text()).contains("Bi-criteria").contains("Architectural");
		assertThatThrownBy(() -> this.client
			.getPrompt(new McpSchema.GetPromptRequest("critique_paper", Map.of("paperId", "nope"))))
			.isInstanceOf(McpError.class)
			.hasMessageContaining("paperId");

		McpSchema.CompleteResult ids = this.client
			.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference("critique_paper"),
					new McpSchema.CompleteRequest.CompleteArgument("paperId", "generalized markdown")));
		assertThat(ids.completion().values()).containsExactly(this.decisions);
		this.client.callTool(new CallToolRequest("tag_papers",
				Map.of("paperIds", List.of(this.scheduling), "tags", List.of("mcp-complete-me"))));
		McpSchema.CompleteResult tags = this.client
			.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference("literature_review"),
					new McpSchema.CompleteRequest.CompleteArgument("tag", "mcp-comp")));
		assertThat(tags.completion().values()).containsExactly("mcp-complete-me");
	}

	@Test
	void badArgumentsAreToolErrorsThatNameTheArgument() {
		CallToolResult tooMany = call("search_papers", Map.of("query", "x", "k", 500));
		assertThat(tooMany.isError()).isTrue();
		assertThat(text(tooMany)).contains("k").contains("50");
		CallToolResult notAnId = call("get_paper", Map.of("id", "not-a-uuid"));
		assertThat(notAnId.isError()).isTrue();
		assertThat(text(notAnId)).contains("id");
		CallToolResult missing = call("search_papers", Map.of());
		assertThat(missing.isError()).isTrue();
		assertThat(text(missing)).contains("query");
		CallToolResult unknownArgument = call("library_stats", Map.of("verbose", true));
		assertThat(unknownArgument.isError()).isTrue();
		CallToolResult years = call("search_papers", Map.of("query", "x", "yearFrom", 2020, "yearTo", 2010));
		assertThat(text(years)).contains("yearTo");
		CallToolResult cursor = call("list_papers", Map.of("cursor", "forged"));
		assertThat(text(cursor)).contains("cursor");
		assertThatThrownBy(() -> call("no_such_tool", Map.of())).isInstanceOf(McpError.class);
	}

	@Test
	void withoutTheKeyItIs401AndAForeignOriginIs403() throws Exception {
		String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
				+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
		HttpResponse<String> noKey = this.suite.post(this.suite.balanced(), initialize);
		assertThat(noKey.statusCode()).isEqualTo(401);
		assertThat(noKey.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(noKey.body()).contains("X-API-Key");
		HttpResponse<String> wrongKey = this.suite.post(this.suite.balanced(), initialize, "Authorization",
				"Bearer wrong");
		assertThat(wrongKey.statusCode()).isEqualTo(401);
		HttpResponse<String> foreign = this.suite.post(this.suite.balanced(), initialize, "X-API-Key", McpSuite.KEY,
				"Origin", "https://evil.example");
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(foreign.body()).contains("THOTH_CORS_ORIGINS").contains("requestId");
		HttpResponse<String> allowed = this.suite.post(this.suite.balanced(), initialize, "X-API-Key", McpSuite.KEY,
				"Origin", McpSuite.ALLOWED_ORIGIN);
		assertThat(allowed.statusCode()).isEqualTo(200);
		HttpResponse<String> bearer = this.suite.post(this.suite.balanced(), initialize, "Authorization",
				"Bearer " + McpSuite.KEY);
		assertThat(bearer.statusCode()).isEqualTo(200);
		assertThat(bearer.body()).contains("\"protocolVersion\":\"2025-11-25\"");
	}

	@Test
	void oversizedBodiesAre413AndUnknownMethodsAJsonRpcError() throws Exception {
		String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"find_quote\","
				+ "\"arguments\":{\"quote\":\"" + "a ".repeat(40_000) + "\"}}}";
		HttpResponse<String> tooLarge = this.suite.post(this.suite.direct(this.suite.firstMcp), huge, "X-API-Key",
				McpSuite.KEY);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("THOTH_MCP_MAX_REQUEST_SIZE");
		HttpResponse<String> unknown = this.suite.post(this.suite.balanced(),
				"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"thoth://library/stats\"}}",
				"X-API-Key", McpSuite.KEY);
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(unknown.body()).contains("\"error\"").contains("\"id\":7");
		HttpResponse<String> garbage = this.suite.post(this.suite.balanced(), "{not json", "X-API-Key", McpSuite.KEY);
		assertThat(garbage.statusCode()).isEqualTo(400);
	}

	@Test
	void aSilentApiIsAToolErrorWithinTheTimeLimitThenADownOneAtOnce() throws Exception {
		McpSyncClient stalled = client(this.suite.direct(this.suite.stalledMcp));
		try {
			long started = System.nanoTime();
			CallToolResult slow = stalled.callTool(new CallToolRequest("library_stats", Map.of()));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(slow.isError()).isTrue();
			assertThat(text(slow)).contains("did not finish within 3 s");
			assertThat(took).isLessThan(Duration.ofSeconds(10));
			this.suite.closeSilentApi();
			CallToolResult down = stalled.callTool(new CallToolRequest("get_paper", Map.of("id", this.scheduling)));
			assertThat(down.isError()).isTrue();
			assertThat(text(down)).containsAnyOf("not answering", "could not be reached");
		}
		finally {
			stalled.closeGracefully();
		}
	}

	@Test
	void bothReplicasServeOneClientAndCountEachToolCall() throws Exception {
		Set<String> servedBy = new HashSet<>();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = this.suite.post(this.suite.balanced(),
					"{\"jsonrpc\":\"2.0\",\"id\":" + i
							+ ",\"method\":\"tools/call\",\"params\":{\"name\":\"get_paper\","
							+ "\"arguments\":{\"id\":\"" + this.scheduling + "\"}}}",
					"X-API-Key", McpSuite.KEY, "X-Request-Id", "mcp-replicas-" + i);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"isError\":false").contains("Bi-criteria");
			servedBy.add(response.headers().firstValue("X-Served-By").orElseThrow());
		}
		assertThat(servedBy).containsExactlyInAnyOrder("127.0.0.1:" + this.suite.firstMcp,
				"127.0.0.1:" + this.suite.secondMcp);
		// The one SDK client of these tests has been served by both all along; one more
		// call to be sure.
		assertThat(this.client.listTools().tools()).hasSize(TOOLS.size());
		for (int port : List.of(this.suite.firstMcp, this.suite.secondMcp)) {
			String metrics = this.suite.http
				.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(metrics).containsPattern(
					"thoth_mcp_tool_calls_seconds_count\\{[^}]*outcome=\"success\"[^}]*tool=\"get_paper\"[^}]*} [1-9]");
			assertThat(metrics).contains("tool=\"evaluate_paper\"");
		}
		// The caller's request id reaches the API, which names it in its problem.
		HttpResponse<String> missing = this.suite.post(this.suite.balanced(),
				"{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"get_paper\","
						+ "\"arguments\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}}",
				"X-API-Key", McpSuite.KEY, "X-Request-Id", "mcp-request-id-check");
		assertThat(missing.body()).contains("\"isError\":true").contains("request id mcp-request-id-check");
	}

	private McpSyncClient client(String base) {
		McpSyncClient created = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(base)
				.endpoint("/mcp")
				.requestBuilder(HttpRequest.newBuilder().header("X-API-Key", McpSuite.KEY))
				.build())
			.requestTimeout(Duration.ofSeconds(150))
			.build();
		created.initialize();
		return created;
	}

	private CallToolResult call(String tool, Map<String, Object> arguments) {
		return this.client.callTool(new CallToolRequest(tool, arguments));
	}

	private String read(String uri) {
		McpSchema.ReadResourceResult result = this.client.readResource(new McpSchema.ReadResourceRequest(uri));
		return ((TextResourceContents) result.contents().getFirst()).text();
	}

	static Map<String, Object> ok(CallToolResult result) {
		assertThat(result.isError()).as(text(result)).isFalse();
		assertThat(text(result)).as("readable text beside the structured result").isNotBlank();
		return map(result.structuredContent());
	}

	static String text(CallToolResult result) {
		return ((TextContent) result.content().getFirst()).text();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Map<String, Object>>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> values(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

}
