package dev.thoth.mcp.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.TagMerge;
import dev.thoth.clients.api.TagRename;
import dev.thoth.clients.api.TagSuggestion;
import dev.thoth.clients.api.TagView;
import dev.thoth.clients.api.TagsClient;
import dev.thoth.mcp.tools.Cursors;
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
import org.springframework.web.client.HttpClientErrorException;

/** The library's tags, by name. */
@Component
class TagTools implements ThothTools {

	private final TagsClient tags;

	TagTools(TagsClient tags) {
		this.tags = tags;
	}

	@Override
	public Toolset toolset() {
		return Toolset.TAGS;
	}

	/** What list_tags returns. */
	record TagList(List<TagView> tags, long totalItems, String nextCursor) {
	}

	@McpTool(name = "list_tags", title = "List tags",
			description = "The library's tags with their paper counts, by name; prefix filters them. Paginated: pass "
					+ "nextCursor as cursor for the next page.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(TagList.class)
	CallToolResult listTags(
			@McpToolParam(description = "Only tags whose name starts with this",
					required = false) @Size(max = 200) String prefix,
			@McpToolParam(description = "Tags per page (default 50)",
					required = false) @Min(1) @Max(500) Integer pageSize,
			@McpToolParam(description = "nextCursor from the previous page",
					required = false) @Size(max = 200) String cursor) {
		return Guard.reply(() -> {
			int page = Cursors.page(cursor);
			PageResponse<TagView> result = this.tags.list(prefix, page, (pageSize != null) ? pageSize : 50);
			String next = Cursors.next(page, result.totalPages());
			StringBuilder text = new StringBuilder().append(result.totalItems()).append(" tags");
			result.items()
				.forEach((tag) -> text.append("\n- ")
					.append(tag.name())
					.append(" (")
					.append(tag.paperCount())
					.append(" papers)"));
			if (next != null) {
				text.append("\nMore: call list_tags with cursor ").append(next);
			}
			return ToolResults.ok(new TagList(result.items(), result.totalItems(), next), text.toString());
		});
	}

	/** One paper and tag, and what happened. */
	record Tagging(UUID paperId, String tag, String error) {
	}

	/** What tag_papers and untag_papers return. */
	record TaggingResult(List<Tagging> done, List<Tagging> failed) {
	}

	@McpTool(name = "tag_papers", title = "Tag papers",
			description = "Put each of the tags on each of the papers, creating tags that do not exist. Names are "
					+ "trimmed and lower-cased; at most 100 characters, without / \\ ; % , . Tagging twice changes "
					+ "nothing.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(TaggingResult.class)
	CallToolResult tagPapers(
			@McpToolParam(description = "The papers' ids") @Size(min = 1, max = 100) List<UUID> paperIds,
			@McpToolParam(description = "The tag names") @Size(min = 1, max = 20) List<String> tags) {
		return Guard.reply(() -> each(paperIds, tags, true));
	}

	@McpTool(name = "untag_papers", title = "Untag papers",
			description = "Take each of the tags off each of the papers. The tags stay in the library.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = true, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(TaggingResult.class)
	CallToolResult untagPapers(
			@McpToolParam(description = "The papers' ids") @Size(min = 1, max = 100) List<UUID> paperIds,
			@McpToolParam(description = "The tag names") @Size(min = 1, max = 20) List<String> tags) {
		return Guard.reply(() -> each(paperIds, tags, false));
	}

	private CallToolResult each(List<UUID> paperIds, List<String> names, boolean tag) {
		for (String name : names) {
			if (name == null || name.isBlank()) {
				throw new ToolArgumentException("tags", "every tag name must have a visible character");
			}
		}
		List<Tagging> done = new ArrayList<>();
		List<Tagging> failed = new ArrayList<>();
		for (UUID paperId : paperIds.stream().distinct().toList()) {
			for (String name : names.stream().distinct().toList()) {
				try {
					if (tag) {
						done.add(new Tagging(paperId, this.tags.tag(paperId, name.strip()).name(), null));
					}
					else {
						this.tags.untag(paperId, name.strip());
						done.add(new Tagging(paperId, name.strip(), null));
					}
				}
				catch (HttpClientErrorException ex) {
					failed.add(new Tagging(paperId, name.strip(), (ex.getStatusCode().value() == 404)
							? "no such paper, or the paper does not have this tag" : ex.getStatusText()));
				}
			}
		}
		String text = (tag ? "Tagged " : "Untagged ") + done.size() + " (paper, tag) pair"
				+ ((done.size() == 1) ? "" : "s") + (failed.isEmpty() ? "." : "; failed: " + failed);
		CallToolResult result = ToolResults.ok(new TaggingResult(done, failed), text);
		return (done.isEmpty() && !failed.isEmpty()) ? ToolResults.error(text) : result;
	}

	@McpTool(name = "rename_tag", title = "Rename a tag",
			description = "Give a tag a new name on every paper. When another tag has the new name already, use "
					+ "merge_tags instead.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = true, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(TagView.class)
	CallToolResult renameTag(@McpToolParam(description = "The tag's current name") @Size(min = 1, max = 200) String tag,
			@McpToolParam(description = "The new name") @Size(min = 1, max = 200) String newName) {
		return Guard.reply(() -> {
			TagView existing = byName("tag", tag);
			TagView renamed;
			try {
				renamed = this.tags.rename(existing.id(), new TagRename(newName.strip()));
			}
			catch (HttpClientErrorException.Conflict ex) {
				throw new ToolArgumentException("newName",
						"a tag named '" + newName.strip() + "' exists already; call merge_tags with tags ['"
								+ existing.name() + "'] and into '" + newName.strip() + "' to join them");
			}
			return ToolResults.ok(renamed, "Renamed '" + existing.name() + "' to '" + renamed.name() + "' ("
					+ renamed.paperCount() + " papers).");
		});
	}

	/** What merge_tags returns. */
	record MergeResult(TagView into, List<String> merged) {
	}

	@McpTool(name = "merge_tags", title = "Merge tags",
			description = "Move the papers of each tag in tags to the tag into, then delete those tags.",
			annotations = @McpAnnotations(readOnlyHint = false, destructiveHint = true, idempotentHint = false,
					openWorldHint = false))
	@ToolOutput(MergeResult.class)
	CallToolResult mergeTags(
			@McpToolParam(description = "The tags to merge away") @Size(min = 1, max = 20) List<String> tags,
			@McpToolParam(description = "The tag that keeps their papers") @Size(min = 1, max = 200) String into) {
		return Guard.reply(() -> {
			TagView target = byName("into", into);
			List<TagView> sources = new ArrayList<>();
			for (String name : tags) {
				TagView source = byName("tags", name);
				if (source.id().equals(target.id())) {
					throw new ToolArgumentException("tags", "must not contain the tag into ('" + target.name() + "')");
				}
				sources.add(source);
			}
			TagView merged = target;
			for (TagView source : sources) {
				merged = this.tags.merge(source.id(), new TagMerge(target.id()));
			}
			List<String> names = sources.stream().map(TagView::name).toList();
			return ToolResults.ok(new MergeResult(merged, names),
					"Merged " + names + " into '" + merged.name() + "' (" + merged.paperCount() + " papers).");
		});
	}

	/** What suggest_tags returns. */
	record Suggestions(UUID paperId, List<TagSuggestion> suggestions) {
	}

	@McpTool(name = "suggest_tags", title = "Suggest tags",
			description = "Tags that fit a paper it does not carry yet: those of the most related papers, and its "
					+ "keywords, each with its reasons. Apply them with tag_papers.",
			annotations = @McpAnnotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
					openWorldHint = false))
	@ToolOutput(Suggestions.class)
	CallToolResult suggestTags(@McpToolParam(description = "The paper's id (a UUID)") UUID paperId,
			@McpToolParam(description = "How many (default 10)", required = false) @Min(1) @Max(50) Integer k) {
		return Guard.reply(() -> {
			List<TagSuggestion> suggestions = this.tags.suggestions(paperId, (k != null) ? k : 10);
			StringBuilder text = new StringBuilder(suggestions.isEmpty() ? "No tag to suggest for paper " + paperId
					: "Tags for paper " + paperId + ":");
			suggestions.forEach((suggestion) -> text.append("\n- ")
				.append(suggestion.name())
				.append((suggestion.tagId() == null) ? " (new)" : "")
				.append(": ")
				.append(String.join("; ", suggestion.reasons())));
			return ToolResults.ok(new Suggestions(paperId, suggestions), text.toString());
		});
	}

	/** The tag of that name, as the API normalises names. */
	private TagView byName(String argument, String name) {
		String normalized = (name == null) ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
		if (normalized.isEmpty()) {
			throw new ToolArgumentException(argument, "must name a tag");
		}
		return this.tags.list(normalized, 0, 500)
			.items()
			.stream()
			.filter((tag) -> tag.name().equals(normalized))
			.findFirst()
			.orElseThrow(() -> new ToolArgumentException(argument,
					"no tag is named '" + normalized + "'; list_tags shows the library's tags"));
	}

}
