package dev.thoth.mcp.library;

import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.Answer;
import dev.thoth.clients.api.AskClient;
import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.LibraryClient;
import dev.thoth.clients.api.LibraryStats;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperCorrection;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.PaperText;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.Question;
import dev.thoth.clients.api.SearchClient;
import dev.thoth.clients.api.SearchHit;
import dev.thoth.clients.api.SearchResults;
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

/** The library: search it, ask it, read and correct its papers. */
@Component
class LibraryTools implements ThothTools {

	private final SearchClient search;

	private final AskClient ask;

	private final PapersClient papers;

	private final LibraryClient library;

	LibraryTools(SearchClient search, AskClient ask, PapersClient papers, LibraryClient library) {
		this.search = search;
		this.ask = ask;
		this.papers = papers;
		this.library = library;
	}

	@Override
	public Toolset toolset() {
		return Toolset.LIBRARY;
	}

	/** A passage found by a search. */
	record Passage(UUID paperId, String title, int page, String section, double score, String text, String pdfUrl) {
	}

	/** What search_papers returns. */
	record SearchPapersResult(String query, String mode, List<Passage> passages) {
	}

	@McpTool(name = "search_papers", title = "Search the library",
			description = "Find passages in the user's papers by words and meaning (hybrid search), best first, each "
					+ "with its paper, page and a PDF link to that page. Narrow with author, yearFrom/yearTo, tags "
					+ "(papers with every tag) and venue." + ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(SearchPapersResult.class)
	CallToolResult searchPapers(
			@McpToolParam(description = "What to look for, in plain words") @Size(min = 1, max = 1000) String query,
			@McpToolParam(description = "Only papers with an author whose name contains this",
					required = false) @Size(max = 200) String author,
			@McpToolParam(description = "Only papers published in or after this year",
					required = false) @Min(0) @Max(9999) Integer yearFrom,
			@McpToolParam(description = "Only papers published in or before this year",
					required = false) @Min(0) @Max(9999) Integer yearTo,
			@McpToolParam(description = "Only papers that carry every one of these tags",
					required = false) @Size(max = 20) List<String> tags,
			@McpToolParam(description = "Only papers whose venue (journal, conference) contains this",
					required = false) @Size(max = 200) String venue,
			@McpToolParam(description = "How many passages (default 10)", required = false) @Min(1) @Max(50) Integer k,
			@McpToolParam(
					description = "hybrid (default): words and meaning; lexical: words only; semantic: "
							+ "meaning only",
					required = false) @OneOf({ "hybrid", "lexical", "semantic" }) String mode) {
		return Guard.reply(() -> {
			requireText("query", query);
			if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
				throw new ToolArgumentException("yearTo", "must not be before yearFrom (" + yearFrom + ")");
			}
			SearchResults results = this.search.search(query.strip(), (k != null) ? k : 10,
					(mode != null) ? mode : "hybrid", null, tags, author, yearFrom, yearTo, venue);
			List<Passage> passages = results.hits().stream().map(LibraryTools::passage).toList();
			StringBuilder text = new StringBuilder();
			text.append(passages.size())
				.append(" passage")
				.append((passages.size() == 1) ? "" : "s")
				.append(" for \"")
				.append(query.strip())
				.append("\" (")
				.append(results.mode())
				.append(")");
			if (passages.isEmpty()) {
				text.append(": nothing in the library matches. Try other words or fewer filters.");
			}
			for (int i = 0; i < passages.size(); i++) {
				Passage passage = passages.get(i);
				text.append("\n\n")
					.append(i + 1)
					.append(". ")
					.append(passage.title())
					.append(" (paper ")
					.append(passage.paperId())
					.append(", page ")
					.append(passage.page())
					.append(", ")
					.append(passage.pdfUrl())
					.append(")\n")
					.append(ToolResults.untrusted("paper " + passage.paperId() + " page " + passage.page(),
							passage.text()));
			}
			return ToolResults.ok(new SearchPapersResult(results.query(), results.mode(), passages), text.toString());
		});
	}

	@McpTool(name = "ask_library", title = "Ask the library",
			description = "Answer a question from the user's papers only, with numbered citations [n] to passages "
					+ "(paper, page, quote, PDF link). When the papers do not hold the answer, answered is false and "
					+ "the answer says so. Written by the configured model, or extractive without one (answeredBy)."
					+ ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Answer.class)
	CallToolResult askLibrary(@McpToolParam(description = "The question") @Size(min = 1, max = 2000) String question,
			@McpToolParam(description = "Passages to read (default 6)", required = false) @Min(1) @Max(20) Integer k,
			@McpToolParam(description = "Only these papers", required = false) @Size(max = 100) List<UUID> paperIds,
			@McpToolParam(description = "Only papers with any of these tags",
					required = false) @Size(max = 20) List<String> tags) {
		return Guard.reply(() -> {
			requireText("question", question);
			Answer answer = this.ask.ask(new Question(question.strip(), k, paperIds, tags));
			StringBuilder text = new StringBuilder(answer.answered() ? "Answer" : "Not in the library").append(" (by ")
				.append(answer.answeredBy())
				.append("):\n")
				.append(ToolResults.untrusted("answer drawn from the library's passages", answer.answer()));
			answer.citations()
				.forEach((citation) -> text.append("\n[")
					.append(citation.n())
					.append("] ")
					.append(citation.title())
					.append(", page ")
					.append(citation.page())
					.append(" (paper ")
					.append(citation.paperId())
					.append(", ")
					.append(citation.pdfUrl())
					.append(")\n")
					.append(ToolResults.untrusted("paper " + citation.paperId() + " page " + citation.page(),
							citation.quote())));
			return ToolResults.ok(answer, text.toString());
		});
	}

	@McpTool(name = "get_paper", title = "Get a paper",
			description = "A paper's metadata: title, authors, year, DOI, arXiv id, venue, abstract, keywords, pages, "
					+ "status, and where each field came from (provenance)." + ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(PaperDetails.class)
	CallToolResult getPaper(@McpToolParam(description = "The paper's id (a UUID)") UUID id) {
		return Guard.reply(() -> {
			PaperDetails paper = this.papers.get(id);
			return ToolResults.ok(paper, describe(paper));
		});
	}

	/** What list_papers returns. */
	record PaperList(List<PaperSummary> papers, long totalItems, String nextCursor) {
	}

	@McpTool(name = "list_papers", title = "List papers",
			description = "The library's papers, newest first unless sorted otherwise, filtered by words in title, "
					+ "abstract or authors (query), tag, author, years and status. Paginated: pass nextCursor as cursor "
					+ "for the next page.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(PaperList.class)
	CallToolResult listPapers(
			@McpToolParam(description = "Words in the title, abstract or an author's name",
					required = false) @Size(max = 500) String query,
			@McpToolParam(description = "A tag name, exactly", required = false) @Size(max = 200) String tag,
			@McpToolParam(description = "Part of an author's name", required = false) @Size(max = 200) String author,
			@McpToolParam(description = "Published in or after this year",
					required = false) @Min(0) @Max(9999) Integer yearFrom,
			@McpToolParam(description = "Published in or before this year",
					required = false) @Min(0) @Max(9999) Integer yearTo,
			@McpToolParam(description = "Processing status",
					required = false) @OneOf({ "PENDING", "PROCESSING", "READY", "FAILED" }) String status,
			@McpToolParam(description = "Order: createdAt, year or title, optionally with ,asc or ,desc",
					required = false) @OneOf({ "createdAt", "createdAt,asc", "createdAt,desc", "year", "year,asc",
							"year,desc", "title", "title,asc", "title,desc" }) String sort,
			@McpToolParam(description = "Papers per page (default 20)",
					required = false) @Min(1) @Max(100) Integer pageSize,
			@McpToolParam(description = "nextCursor from the previous page; leave out for the first",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int page = Cursors.page(cursor);
			int size = (pageSize != null) ? pageSize : 20;
			PageResponse<PaperSummary> result = this.papers.find(query, tag, author, yearFrom, yearTo, status, sort,
					page, size);
			String next = Cursors.next(page, result.totalPages());
			StringBuilder text = new StringBuilder().append(result.totalItems()).append(" papers");
			if (!result.items().isEmpty()) {
				text.append("; ")
					.append(page * size + 1)
					.append("–")
					.append(page * size + result.items().size())
					.append(":");
			}
			for (PaperSummary paper : result.items()) {
				text.append("\n- ")
					.append(paper.title())
					.append(" (")
					.append(authors(paper.authors()))
					.append((paper.year() != null) ? ", " + paper.year() : "")
					.append(") id ")
					.append(paper.id())
					.append(", ")
					.append(paper.status());
			}
			if (next != null) {
				text.append("\nMore: call list_papers with cursor ").append(next);
			}
			return ToolResults.ok(new PaperList(result.items(), result.totalItems(), next), text.toString());
		});
	}

	/** What read_paper returns. */
	record PaperReading(UUID paperId, String title, Integer pageCount, List<PaperText.Page> pages, String nextCursor) {
	}

	@McpTool(name = "read_paper", title = "Read a paper",
			description = "A paper's full text by page range, within a budget of characters (maxChars) so a long "
					+ "paper can be read in parts: when the budget ends first, pass nextCursor as cursor to go on "
					+ "where it stopped." + ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(PaperReading.class)
	CallToolResult readPaper(@McpToolParam(description = "The paper's id (a UUID)") UUID id,
			@McpToolParam(description = "First page (default 1)",
					required = false) @Min(1) @Max(100000) Integer fromPage,
			@McpToolParam(description = "Last page (default: the paper's last)",
					required = false) @Min(1) @Max(100000) Integer toPage,
			@McpToolParam(description = "Most characters to return (default 12000, about 3000 tokens)",
					required = false) @Min(1000) @Max(100000) Integer maxChars,
			@McpToolParam(description = "nextCursor from the previous call, to continue",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int from = (fromPage != null) ? fromPage : 1;
			int offset = 0;
			String position = Cursors.decode(cursor);
			if (position != null) {
				String[] parts = position.split(":");
				try {
					from = Integer.parseInt(parts[0]);
					offset = Integer.parseInt(parts[1]);
				}
				catch (RuntimeException ex) {
					throw new ToolArgumentException("cursor", "not a read_paper cursor; pass the nextCursor it gave");
				}
			}
			if (toPage != null && toPage < from) {
				throw new ToolArgumentException("toPage", "must not be before fromPage (" + from + ")");
			}
			PaperText text = this.papers.text(id, from, toPage, offset, (maxChars != null) ? maxChars : 12000);
			String next = (text.next() != null) ? Cursors.encode(text.next().fromPage() + ":" + text.next().offset())
					: null;
			StringBuilder reading = new StringBuilder(text.title()).append(" (paper ")
				.append(id)
				.append(", ")
				.append(text.pageCount())
				.append(" pages)");
			for (PaperText.Page page : text.pages()) {
				reading.append("\n\nPage ")
					.append(page.page())
					.append((page.offset() > 0) ? " (continued)" : "")
					.append((page.complete() ? "" : " (cut: continue with the cursor)"))
					.append(":\n")
					.append(ToolResults.untrusted("paper " + id + " page " + page.page(), page.text()));
			}
			reading.append((next != null) ? "\n\nMore: call read_paper with id " + id + " and cursor " + next
					: "\n\nEnd of the requested pages.");
			return ToolResults.ok(new PaperReading(id, text.title(), text.pageCount(), text.pages(), next),
					reading.toString());
		});
	}

	/** What get_note returns. */
	record Note(UUID paperId, String markdown) {
	}

	@McpTool(name = "get_note", title = "Get a paper's note",
			description = "The paper's markdown note (Obsidian-friendly: front matter, summary, key points, links to "
					+ "cited papers), as the pipeline last wrote it." + ToolResults.UNTRUSTED_NOTE,
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Note.class)
	CallToolResult getNote(@McpToolParam(description = "The paper's id (a UUID)") UUID id) {
		return Guard.reply(() -> {
			String markdown = this.papers.note(id);
			return ToolResults.ok(new Note(id, markdown),
					"Note of paper " + id + ":\n" + ToolResults.untrusted("note of paper " + id, markdown));
		});
	}

	@McpTool(name = "update_paper_metadata", title = "Correct a paper's metadata",
			description = "Correct the fields given (others stay): title, authors (in order), year, doi, venue, "
					+ "abstract, keywords. Corrections are recorded with the source 'user' and survive re-processing.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = true, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(PaperDetails.class)
	CallToolResult updatePaperMetadata(@McpToolParam(description = "The paper's id (a UUID)") UUID id,
			@McpToolParam(description = "The title", required = false) @Size(min = 1, max = 1000) String title,
			@McpToolParam(description = "The authors in order, each as printed", required = false) @Size(min = 1,
					max = 200) List<String> authors,
			@McpToolParam(description = "The year of publication", required = false) @Min(1000) @Max(2100) Integer year,
			@McpToolParam(description = "The DOI, such as 10.1145/1234.5678",
					required = false) @Size(max = 200) String doi,
			@McpToolParam(description = "The journal or conference", required = false) @Size(max = 500) String venue,
			@McpToolParam(description = "The abstract", required = false) @Size(max = 20000) String abstractText,
			@McpToolParam(description = "The keywords", required = false) @Size(max = 100) List<String> keywords) {
		return Guard.reply(() -> {
			if (title == null && authors == null && year == null && doi == null && venue == null && abstractText == null
					&& keywords == null) {
				throw new ToolArgumentException("title",
						"give at least one field to correct: title, authors, year, doi, venue, abstractText, keywords");
			}
			PaperDetails paper = this.papers.correct(id,
					new PaperCorrection(title,
							(authors != null) ? authors.stream().map(AuthorName::new).toList() : null, year, doi, venue,
							abstractText, keywords));
			return ToolResults.ok(paper, "Corrected.\n" + describe(paper));
		});
	}

	/** What delete_paper returns. */
	record Deletion(UUID paperId, String title, boolean deleted) {
	}

	@McpTool(name = "delete_paper", title = "Delete a paper",
			description = "Remove a paper from the library: its passages, references, tags and corrections go; its "
					+ "PDF and note move to the workspace's trash folder. Needs confirm: true. Ask the user first.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = true, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Deletion.class)
	CallToolResult deletePaper(@McpToolParam(description = "The paper's id (a UUID)") UUID id,
			@McpToolParam(description = "Must be true: the user agreed to delete this paper") Boolean confirm) {
		return Guard.reply(() -> {
			if (!Boolean.TRUE.equals(confirm)) {
				throw new ToolArgumentException("confirm",
						"must be true to delete; ask the user to confirm the deletion of paper " + id + " first");
			}
			PaperDetails paper = this.papers.get(id);
			this.papers.delete(id);
			return ToolResults.ok(new Deletion(id, paper.title(), true), "Deleted \"" + paper.title() + "\" (paper "
					+ id + "); its PDF and note are in the workspace's trash folder.");
		});
	}

	@McpTool(name = "library_stats", title = "Library statistics",
			description = "The library in figures: papers by status and year, pages, searchable passages, references "
					+ "(and how many resolve to library papers), tags, ingestion jobs, top tags, venues and authors.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(LibraryStats.class)
	CallToolResult libraryStats() {
		return Guard.reply(() -> {
			LibraryStats stats = this.library.stats();
			String text = stats.papers() + " papers (" + stats.papersByStatus() + "), " + stats.pages() + " pages, "
					+ stats.passages() + " passages, " + stats.references() + " references ("
					+ stats.resolvedReferences() + " to library papers), " + stats.tags() + " tags in use. Jobs: "
					+ stats.jobsByStatus() + ". Top tags: " + counts(stats.topTags()) + ". Top venues: "
					+ counts(stats.topVenues()) + ". Top authors: " + counts(stats.topAuthors()) + ".";
			return ToolResults.ok(stats, text);
		});
	}

	static String describe(PaperDetails paper) {
		StringBuilder text = new StringBuilder(String.valueOf(paper.title())).append("\nid ")
			.append(paper.id())
			.append(", status ")
			.append(paper.status());
		text.append("\nauthors: ").append(authors(paper.authors()));
		if (paper.year() != null) {
			text.append("\nyear: ").append(paper.year());
		}
		if (paper.venue() != null) {
			text.append("\nvenue: ").append(paper.venue());
		}
		if (paper.doi() != null) {
			text.append("\ndoi: ").append(paper.doi());
		}
		if (paper.arxivId() != null) {
			text.append("\narXiv: ").append(paper.arxivId());
		}
		if (paper.pages() != null) {
			text.append("\npages: ").append(paper.pages());
		}
		if (!paper.keywords().isEmpty()) {
			text.append("\nkeywords: ").append(String.join(", ", paper.keywords()));
		}
		text.append("\npdf: /api/v1/papers/").append(paper.id()).append("/pdf");
		if (paper.abstractText() != null) {
			text.append("\nabstract:\n")
				.append(ToolResults.untrusted("abstract of paper " + paper.id(), paper.abstractText()));
		}
		return text.toString();
	}

	static String authors(List<AuthorName> authors) {
		if (authors == null || authors.isEmpty()) {
			return "authors unknown";
		}
		List<String> names = authors.stream().map(AuthorName::name).toList();
		return (names.size() > 3) ? String.join(", ", names.subList(0, 3)) + " et al." : String.join(", ", names);
	}

	private static String counts(List<LibraryStats.Count> counts) {
		return counts.isEmpty() ? "none" : String.join(", ",
				counts.stream().map((count) -> count.name() + " (" + count.papers() + ")").toList());
	}

	static void requireText(String argument, String value) {
		if (value == null || value.isBlank()) {
			throw new ToolArgumentException(argument, "must not be blank");
		}
	}

	private static Passage passage(SearchHit hit) {
		return new Passage(hit.paperId(), hit.title(), hit.page(), hit.section(),
				Math.round(hit.score() * 10000) / 10000.0, hit.text(),
				"/api/v1/papers/" + hit.paperId() + "/pdf#page=" + hit.page());
	}

}
