package dev.thoth.mcp.citations;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.clients.api.CitationGraph;
import dev.thoth.clients.api.CitationGraphClient;
import dev.thoth.clients.api.CitingPaper;
import dev.thoth.clients.api.FormattedBibliography;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.ReferenceView;
import dev.thoth.clients.api.RelatedPaper;
import dev.thoth.mcp.tools.Cursors;
import dev.thoth.mcp.tools.Guard;
import dev.thoth.mcp.tools.OneOf;
import dev.thoth.mcp.tools.ThothTools;
import dev.thoth.mcp.tools.ToolArgumentException;
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

/** Who cites whom, what is related, and bibliographies. */
@Component
class CitationTools implements ThothTools {

	private final PapersClient papers;

	private final CitationGraphClient graph;

	CitationTools(PapersClient papers, CitationGraphClient graph) {
		this.papers = papers;
		this.graph = graph;
	}

	@Override
	public Toolset toolset() {
		return Toolset.CITATIONS;
	}

	/** What get_references returns. */
	record References(UUID paperId, List<ReferenceView> references, long totalItems, String nextCursor) {
	}

	@McpTool(name = "get_references", title = "A paper's references",
			description = "The paper's reference list in printed order: each entry's printed text, parsed fields, "
					+ "the pages that cite it, and the library paper it resolves to. Paginated by cursor."
					+ ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(References.class)
	CallToolResult getReferences(@McpToolParam(description = "The paper's id (a UUID)") UUID paperId,
			@McpToolParam(description = "Entries per page (default 50)",
					required = false) @Min(1) @Max(500) Integer pageSize,
			@McpToolParam(description = "nextCursor from the previous page",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int page = Cursors.page(cursor);
			PageResponse<ReferenceView> result = this.papers.references(paperId, page,
					(pageSize != null) ? pageSize : 50);
			String next = Cursors.next(page, result.totalPages());
			StringBuilder text = new StringBuilder().append(result.totalItems())
				.append(" references of paper ")
				.append(paperId);
			for (ReferenceView reference : result.items()) {
				text.append("\n[")
					.append(reference.position())
					.append("] ")
					.append(ToolResults.untrusted("reference " + reference.position() + " of paper " + paperId,
							reference.raw()));
				if (reference.resolvedPaper() != null) {
					text.append("\n  in the library: paper ").append(reference.resolvedPaper().id());
				}
				if (!reference.citedOnPages().isEmpty()) {
					text.append("\n  cited on pages ").append(reference.citedOnPages());
				}
			}
			if (next != null) {
				text.append("\nMore: call get_references with cursor ").append(next);
			}
			return ToolResults.ok(new References(paperId, result.items(), result.totalItems(), next), text.toString());
		});
	}

	/** What get_cited_by returns. */
	record CitedBy(UUID paperId, List<CitingPaper> citedBy, long totalItems, String nextCursor) {
	}

	@McpTool(name = "get_cited_by", title = "Papers citing a paper",
			description = "The library papers whose reference lists cite this paper, newest first, with the citing "
					+ "entry's position and the pages that cite it. Paginated by cursor.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(CitedBy.class)
	CallToolResult getCitedBy(@McpToolParam(description = "The paper's id (a UUID)") UUID paperId,
			@McpToolParam(description = "Papers per page (default 50)",
					required = false) @Min(1) @Max(500) Integer pageSize,
			@McpToolParam(description = "nextCursor from the previous page",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int page = Cursors.page(cursor);
			PageResponse<CitingPaper> result = this.papers.citedBy(paperId, page, (pageSize != null) ? pageSize : 50);
			String next = Cursors.next(page, result.totalPages());
			StringBuilder text = new StringBuilder().append(result.totalItems())
				.append(" citing entries for paper ")
				.append(paperId);
			result.items()
				.forEach((citing) -> text.append("\n- ")
					.append(citing.title())
					.append(" (paper ")
					.append(citing.paperId())
					.append((citing.year() != null) ? ", " + citing.year() : "")
					.append("), entry [")
					.append(citing.referencePosition())
					.append("], pages ")
					.append(citing.citedOnPages()));
			if (next != null) {
				text.append("\nMore: call get_cited_by with cursor ").append(next);
			}
			return ToolResults.ok(new CitedBy(paperId, result.items(), result.totalItems(), next), text.toString());
		});
	}

	@McpTool(name = "citation_network", title = "Citation network",
			description = "The library papers within depth citations of a paper, either way (or, without paperId, "
					+ "the whole library, the most connected papers first), as nodes and edges (source cites target); "
					+ "truncated when limit cut it.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(CitationGraph.class)
	CallToolResult citationNetwork(
			@McpToolParam(description = "The paper at the centre; leave out for the whole library",
					required = false) UUID paperId,
			@McpToolParam(description = "Citation steps from the paper (default 1)",
					required = false) @Min(1) @Max(3) Integer depth,
			@McpToolParam(description = "Most papers (default 100)",
					required = false) @Min(1) @Max(500) Integer limit) {
		return Guard.reply(() -> {
			int most = (limit != null) ? limit : 100;
			CitationGraph network = (paperId != null) ? this.graph.around(paperId, (depth != null) ? depth : 1, most)
					: this.graph.library(most);
			Map<UUID, String> titles = new java.util.HashMap<>();
			network.nodes().forEach((node) -> titles.put(node.id(), node.title()));
			StringBuilder text = new StringBuilder().append(network.nodes().size())
				.append(" papers, ")
				.append(network.edges().size())
				.append(" citations")
				.append(network.truncated() ? " (truncated)" : "");
			network.edges()
				.forEach((edge) -> text.append("\n- ")
					.append(titles.get(edge.source()))
					.append(" cites ")
					.append(titles.get(edge.target())));
			return ToolResults.ok(network, text.toString());
		});
	}

	/** What find_related_papers returns. */
	record Related(UUID paperId, List<RelatedPaper> related) {
	}

	@McpTool(name = "find_related_papers", title = "Related papers",
			description = "Library papers related to a paper by text (similar passages) and by shared references, "
					+ "most related first, each with its reasons.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Related.class)
	CallToolResult findRelatedPapers(@McpToolParam(description = "The paper's id (a UUID)") UUID paperId,
			@McpToolParam(description = "How many (default 10)", required = false) @Min(1) @Max(50) Integer k) {
		return Guard.reply(() -> {
			List<RelatedPaper> related = this.papers.related(paperId, (k != null) ? k : 10);
			StringBuilder text = new StringBuilder(
					related.isEmpty() ? "No related paper in the library." : "Related to paper " + paperId + ":");
			related.forEach((paper) -> text.append("\n- ")
				.append(paper.title())
				.append(" (paper ")
				.append(paper.paperId())
				.append("): ")
				.append(String.join(", ", paper.reasons())));
			return ToolResults.ok(new Related(paperId, related), text.toString());
		});
	}

	@McpTool(name = "format_citations", title = "Format citations",
			description = "Papers formatted as bibliography entries in a citation style: apa, ieee, mla, chicago, "
					+ "harvard, vancouver, or any CSL style id (nature, elsevier-harvard, …), by citeproc-java.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(FormattedBibliography.class)
	CallToolResult formatCitations(
			@McpToolParam(description = "The papers' ids") @Size(min = 1, max = 200) List<UUID> paperIds,
			@McpToolParam(description = "apa (default), ieee, mla, chicago, harvard, vancouver, or a CSL style id",
					required = false) @Size(min = 1, max = 120) String style,
			@McpToolParam(description = "The CSL locale (default en-US)",
					required = false) @Size(max = 10) String locale) {
		return Guard.reply(() -> {
			FormattedBibliography bibliography = this.papers.formatted((style != null) ? style : "apa", locale,
					paperIds);
			if (bibliography.entries().size() < paperIds.stream().distinct().count()) {
				throw new ToolArgumentException("paperIds", "some ids are not library papers; list_papers shows them");
			}
			StringBuilder text = new StringBuilder(bibliography.style()).append(" (")
				.append(bibliography.locale())
				.append("):");
			bibliography.entries().forEach((entry) -> text.append("\n").append(entry.text()));
			return ToolResults.ok(bibliography, text.toString());
		});
	}

	/** What export_bibliography returns. */
	record Export(String format, String content) {
	}

	@McpTool(name = "export_bibliography", title = "Export a bibliography",
			description = "Papers as a BibTeX, RIS or CSL-JSON file: those given by id, or else those matching the "
					+ "filters (query, tag, author, years), at most limit.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Export.class)
	CallToolResult exportBibliography(
			@McpToolParam(
					description = "bibtex, ris or csl-json") @OneOf({ "bibtex", "ris", "csl-json" }) String format,
			@McpToolParam(description = "The papers' ids; leave out to use the filters",
					required = false) @Size(max = 1000) List<UUID> paperIds,
			@McpToolParam(description = "Words in the title, abstract or an author's name",
					required = false) @Size(max = 500) String query,
			@McpToolParam(description = "A tag name", required = false) @Size(max = 200) String tag,
			@McpToolParam(description = "Part of an author's name", required = false) @Size(max = 200) String author,
			@McpToolParam(description = "Published in or after", required = false) @Min(0) @Max(9999) Integer yearFrom,
			@McpToolParam(description = "Published in or before", required = false) @Min(0) @Max(9999) Integer yearTo,
			@McpToolParam(description = "Most papers (default 1000)",
					required = false) @Min(1) @Max(5000) Integer limit) {
		return Guard.reply(() -> {
			String content = this.papers.export(format, null, null, null, paperIds, query, tag, author, yearFrom,
					yearTo, limit);
			return ToolResults.ok(new Export(format, content), format + ":\n```\n" + content + "\n```");
		});
	}

}
