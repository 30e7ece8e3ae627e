package dev.thoth.mcp.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.clients.api.LibraryClient;
import dev.thoth.clients.api.PaperText;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.mcp.tools.ThothFeatures;
import dev.thoth.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

import org.springframework.ai.mcp.annotation.McpResource;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The library as resources a client can attach: a paper's metadata, note and text (by
 * page range), a research query, the library's figures.
 */
@Component
class LibraryResources implements ThothFeatures {

	static final String PAPER = "thoth://papers/{id}";

	static final String NOTE = "thoth://papers/{id}/note";

	static final String TEXT = "thoth://papers/{id}/text{?pages}";

	static final String QUERY = "thoth://research-queries/{id}";

	/**
	 * The most characters of text one read returns; a longer range is cut, and says so.
	 */
	static final int TEXT_BUDGET = 100_000;

	private static final Pattern PAPER_URI = Pattern.compile("^thoth://papers/([^/?#]+)(?:/(note|text))?(?:\\?(.*))?$");

	private static final Pattern PAGES = Pattern.compile("^(\\d{1,6})(?:-(\\d{1,6})?)?$");

	private final PapersClient papers;

	private final ResearchQueriesClient queries;

	private final LibraryClient library;

	LibraryResources(PapersClient papers, ResearchQueriesClient queries, LibraryClient library) {
		this.papers = papers;
		this.queries = queries;
		this.library = library;
	}

	@McpResource(uri = PAPER, name = "paper", title = "A paper's metadata",
			description = "Title, authors, year, DOI, venue, abstract, keywords and provenance, as JSON.",
			mimeType = "application/json")
	ReadResourceResult paper(String id, ReadResourceRequest request) {
		UUID paperId = paperId(request.uri());
		return json(request.uri(), read(request.uri(), () -> this.papers.get(paperId)));
	}

	@McpResource(uri = NOTE, name = "paper-note", title = "A paper's note",
			description = "The paper's markdown note, as the pipeline last wrote it.", mimeType = "text/markdown")
	ReadResourceResult note(String id, ReadResourceRequest request) {
		UUID paperId = paperId(request.uri());
		String markdown = read(request.uri(), () -> this.papers.note(paperId));
		return new ReadResourceResult(List.of(new TextResourceContents(request.uri(), "text/markdown", markdown)));
	}

	@Override
	public List<TemplateResource> templateResources() {
		return List.of(new TemplateResource(McpSchema.ResourceTemplate.builder(TEXT, "paper-text")
			.title("A paper's text")
			.description("The paper's extracted text, page by page; pages=3 or pages=2-5 or pages=4- for a range "
					+ "(default: all, cut at " + TEXT_BUDGET + " characters).")
			.mimeType("text/plain")
			.build(), this::text));
	}

	ReadResourceResult text(ReadResourceRequest request) {
		UUID paperId = paperId(request.uri());
		int from = 1;
		Integer to = null;
		Matcher uri = PAPER_URI.matcher(request.uri());
		String query = uri.matches() ? uri.group(3) : null;
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.startsWith("pages=")) {
					Matcher range = PAGES.matcher(pair.substring("pages=".length()));
					if (!range.matches()) {
						throw invalid(request.uri(), "pages must be a page (3) or a range (2-5, 4-)");
					}
					from = Integer.parseInt(range.group(1));
					to = pair.contains("-") ? ((range.group(2) != null) ? Integer.valueOf(range.group(2)) : null)
							: from;
				}
			}
		}
		if (from < 1 || (to != null && to < from)) {
			throw invalid(request.uri(), "pages must count from 1, and a range must not end before it starts");
		}
		int first = from;
		Integer last = to;
		PaperText text = read(request.uri(), () -> this.papers.text(paperId, first, last, 0, TEXT_BUDGET));
		StringBuilder out = new StringBuilder();
		for (PaperText.Page page : text.pages()) {
			out.append("--- page ").append(page.page()).append(" ---\n").append(page.text()).append("\n");
		}
		if (text.next() != null) {
			out.append("--- cut at ")
				.append(TEXT_BUDGET)
				.append(" characters: read pages=")
				.append(text.next().fromPage())
				.append("- next ---\n");
		}
		return new ReadResourceResult(List.of(new TextResourceContents(request.uri(), "text/plain", out.toString())));
	}

	@McpResource(uri = QUERY, name = "research-query", title = "A research query",
			description = "A research query the discovery service runs: keywords, sources, schedule, last run, as JSON.",
			mimeType = "application/json")
	ReadResourceResult researchQuery(String id, ReadResourceRequest request) {
		UUID queryId;
		try {
			queryId = UUID.fromString(id);
		}
		catch (RuntimeException ex) {
			throw invalid(request.uri(), "the research query id must be a UUID");
		}
		return json(request.uri(), read(request.uri(), () -> this.queries.get(queryId)));
	}

	@McpResource(uri = "thoth://library/stats", name = "library-stats", title = "The library in figures",
			description = "Papers by status and year, pages, passages, references, tags, jobs, top tags, venues and "
					+ "authors, as JSON.",
			mimeType = "application/json")
	ReadResourceResult stats(ReadResourceRequest request) {
		return json(request.uri(), read(request.uri(), this.library::stats));
	}

	private static UUID paperId(String uri) {
		Matcher matcher = PAPER_URI.matcher(uri);
		if (matcher.matches()) {
			try {
				return UUID.fromString(matcher.group(1));
			}
			catch (IllegalArgumentException ex) {
				// below
			}
		}
		throw invalid(uri, "the paper id must be a UUID, as in thoth://papers/<uuid>");
	}

	private static <T> T read(String uri, java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
				.message("Resource not found: " + uri)
				.data(java.util.Map.of("uri", uri))
				.build();
		}
		catch (HttpClientErrorException.Conflict ex) {
			throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
				.message("Not available yet: " + uri + " (the paper's text is not stored; re-process it from chunks)")
				.build();
		}
	}

	private static ReadResourceResult json(String uri, Object value) {
		return new ReadResourceResult(
				new ArrayList<>(List.of(new TextResourceContents(uri, "application/json", ToolResults.json(value)))));
	}

	private static McpError invalid(String uri, String message) {
		return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message + ": " + uri).build();
	}

}
