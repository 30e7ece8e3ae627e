package dev.thoth.mcp.prompts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.clients.api.TagView;
import dev.thoth.clients.api.TagsClient;
import dev.thoth.mcp.tools.ThothFeatures;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;

import org.springframework.ai.mcp.annotation.McpComplete;
import org.springframework.stereotype.Component;

/**
 * Completions for the prompts' and resources' arguments: paper ids by title (or id)
 * prefix, tag names by prefix, research queries by name.
 */
@Component
class Completions implements ThothFeatures {

	/** MCP allows at most 100 values in one completion. */
	static final int MAX = 100;

	private final PapersClient papers;

	private final TagsClient tags;

	private final ResearchQueriesClient queries;

	Completions(PapersClient papers, TagsClient tags, ResearchQueriesClient queries) {
		this.papers = papers;
		this.tags = tags;
		this.queries = queries;
	}

	@McpComplete(prompt = "critique_paper")
	CompleteResult critiquePaper(CompleteRequest request) {
		return "paperId".equals(request.argument().name()) ? paperIds(request.argument().value()) : none();
	}

	@McpComplete(prompt = "compare_methods")
	CompleteResult compareMethods(CompleteRequest request) {
		if (!"paperIds".equals(request.argument().name())) {
			return none();
		}
		// The last id of the comma-separated list is the one being typed.
		String value = request.argument().value();
		int comma = value.lastIndexOf(',');
		String before = (comma < 0) ? "" : value.substring(0, comma + 1);
		CompleteResult last = paperIds(value.substring(comma + 1).strip());
		return result(last.completion().values().stream().map((id) -> before + id).toList());
	}

	@McpComplete(prompt = "literature_review")
	CompleteResult literatureReview(CompleteRequest request) {
		return "tag".equals(request.argument().name()) ? tagNames(request.argument().value()) : none();
	}

	@McpComplete(prompt = "find_gaps")
	CompleteResult findGaps(CompleteRequest request) {
		return "tag".equals(request.argument().name()) ? tagNames(request.argument().value()) : none();
	}

	@McpComplete(uri = "thoth://papers/{id}")
	CompleteResult paper(CompleteRequest request) {
		return paperIds(request.argument().value());
	}

	@McpComplete(uri = "thoth://papers/{id}/note")
	CompleteResult note(CompleteRequest request) {
		return paperIds(request.argument().value());
	}

	@McpComplete(uri = "thoth://papers/{id}/text{?pages}")
	CompleteResult text(CompleteRequest request) {
		return "id".equals(request.argument().name()) ? paperIds(request.argument().value()) : none();
	}

	@McpComplete(uri = "thoth://research-queries/{id}")
	CompleteResult researchQuery(CompleteRequest request) {
		String prefix = normalized(request.argument().value());
		List<String> ids = new ArrayList<>();
		for (int page = 0; page < 10 && ids.size() < MAX; page++) {
			var result = this.queries.list(null, page, 100);
			for (ResearchQueryView query : result.items()) {
				if (query.name().toLowerCase(Locale.ROOT).startsWith(prefix)
						|| query.id().toString().startsWith(prefix)) {
					ids.add(query.id().toString());
				}
			}
			if (page + 1 >= result.totalPages()) {
				break;
			}
		}
		return result(ids);
	}

	/**
	 * Ids of papers whose title starts with (then contains) the text, or whose id starts
	 * with it.
	 */
	CompleteResult paperIds(String value) {
		String prefix = normalized(value);
		Set<String> ids = new LinkedHashSet<>();
		if (prefix.matches("[0-9a-f-]{1,36}")) {
			this.papers.list(0, MAX)
				.items()
				.stream()
				.map((paper) -> paper.id().toString())
				.filter((id) -> id.startsWith(prefix))
				.forEach(ids::add);
		}
		List<PaperSummary> matching = this.papers
			.find(prefix.isEmpty() ? null : prefix, null, null, null, null, null, "title", 0, MAX)
			.items();
		matching.stream()
			.filter((paper) -> paper.title() != null && paper.title().toLowerCase(Locale.ROOT).startsWith(prefix))
			.forEach((paper) -> ids.add(paper.id().toString()));
		matching.forEach((paper) -> ids.add(paper.id().toString()));
		return result(new ArrayList<>(ids));
	}

	CompleteResult tagNames(String value) {
		return result(this.tags.list(normalized(value), 0, MAX).items().stream().map(TagView::name).toList());
	}

	private static String normalized(String value) {
		return (value == null) ? "" : value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	private static CompleteResult none() {
		return result(List.of());
	}

	private static CompleteResult result(List<String> values) {
		List<String> shown = values.subList(0, Math.min(MAX, values.size()));
		return new CompleteResult(new CompleteResult.CompleteCompletion(shown, values.size(), values.size() > MAX));
	}

}
