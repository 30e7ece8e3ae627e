package dev.thoth.api.search;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Which papers a search may return passages from; every filter given must hold (null or
 * empty: no filter).
 *
 * @param paperIds any of these papers
 * @param tags papers with every one of these tags
 * @param author an author whose name contains this (case-insensitive)
 * @param yearFrom published in or after
 * @param yearTo published in or before
 * @param venue a venue containing this (case-insensitive)
 */
public record SearchFilters(Collection<UUID> paperIds, List<String> tags, String author, Integer yearFrom,
		Integer yearTo, String venue) {

	public static SearchFilters of(Collection<UUID> paperIds, String tag) {
		return new SearchFilters(paperIds, (tag == null || tag.isBlank()) ? List.of() : List.of(tag), null, null, null,
				null);
	}

	boolean onMetadata() {
		return this.author != null || this.yearFrom != null || this.yearTo != null || this.venue != null;
	}

}
