package dev.thoth.vectorstore;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Restricts a search. {@code paperIds == null} means every paper; an empty set matches
 * nothing.
 */
public record Filter(Set<UUID> paperIds) {

	private static final Filter ANY = new Filter(null);

	public Filter {
		paperIds = (paperIds != null) ? Set.copyOf(paperIds) : null;
	}

	/** No restriction. */
	public static Filter any() {
		return ANY;
	}

	/** Only chunks of these papers. */
	public static Filter papers(Collection<UUID> paperIds) {
		return new Filter(Set.copyOf(paperIds));
	}

	public static Filter papers(UUID... paperIds) {
		return new Filter(Set.of(paperIds));
	}

	public boolean restricted() {
		return this.paperIds != null;
	}

	/** True when this filter can match nothing. */
	public boolean matchesNothing() {
		return this.paperIds != null && this.paperIds.isEmpty();
	}

	public boolean accepts(UUID paperId) {
		return this.paperIds == null || this.paperIds.contains(paperId);
	}

	static Filter orAny(Filter filter) {
		return (filter != null) ? filter : ANY;
	}

}
