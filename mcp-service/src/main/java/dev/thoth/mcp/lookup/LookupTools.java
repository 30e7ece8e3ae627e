package dev.thoth.mcp.lookup;

import dev.thoth.clients.api.LibraryClient;
import dev.thoth.clients.api.QuoteMatches;
import dev.thoth.mcp.tools.Guard;
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

/** Where a quote comes from. */
@Component
class LookupTools implements ThothTools {

	private final LibraryClient library;

	LookupTools(LibraryClient library) {
		this.library = library;
	}

	@Override
	public Toolset toolset() {
		return Toolset.LOOKUP;
	}

	@McpTool(name = "find_quote", title = "Find a quote",
			description = "The paper and page a sentence or quote comes from, with a PDF link to that page: word for "
					+ "word (exact: true), or the pages holding most of its words in order (a misquote, a dropped "
					+ "word). No match: the library does not hold it." + ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(QuoteMatches.class)
	CallToolResult findQuote(
			@McpToolParam(description = "The quote, at least 3 words") @Size(min = 1, max = 2000) String quote,
			@McpToolParam(description = "Most matches (default 5)", required = false) @Min(1) @Max(20) Integer k) {
		return Guard.reply(() -> {
			if (quote.strip().split("\\s+").length < 3) {
				throw new ToolArgumentException("quote", "give at least 3 words of the quote");
			}
			QuoteMatches matches = this.library.findQuote(quote.strip(), (k != null) ? k : 5);
			StringBuilder text = new StringBuilder(
					matches.matches().isEmpty() ? "No page of the library holds this quote." : "Found on:");
			for (QuoteMatches.Match match : matches.matches()) {
				text.append("\n- ")
					.append(match.title())
					.append(", page ")
					.append(match.page())
					.append(" (paper ")
					.append(match.paperId())
					.append(", ")
					.append(match.pdfUrl())
					.append(") ")
					.append(match.exact() ? "word for word" : "similarity " + match.similarity())
					.append("\n")
					.append(ToolResults.untrusted("paper " + match.paperId() + " page " + match.page(),
							match.passage()));
			}
			return ToolResults.ok(matches, text.toString());
		});
	}

}
