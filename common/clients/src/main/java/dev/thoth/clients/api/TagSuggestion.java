package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * A tag that fits a paper it does not carry yet.
 *
 * @param name the tag's name
 * @param tagId the library's tag of that name; null when no paper has it yet
 * @param score higher fits better; comparable only within one response
 * @param reasons why it fits ("on 2 related papers", "a keyword of the paper")
 */
public record TagSuggestion(String name, UUID tagId, double score, List<String> reasons) {

	public TagSuggestion {
		reasons = List.copyOf(reasons);
	}

}
