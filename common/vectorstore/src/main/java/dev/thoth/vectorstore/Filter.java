package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Restricts a search, inside the query: to papers ({@code paperIds == null} means every
 * paper; an empty set matches nothing), to years (either bound may be null), to papers
 * whose authors hold each of {@code authors} (a name or part of one), whose title holds
 * each of {@code titles} (a word or a phrase), and to passages holding none of
 * {@code excluded} (words or phrases).
 */
public record Filter(Set<UUID> paperIds, Integer yearFrom, Integer yearTo, List<String> authors, List<String> titles,
		List<String> excluded) {

	private static final Filter ANY = new Filter(null, null, null, List.of(), List.of(), List.of());

	public Filter {
		paperIds = (paperIds != null) ? Set.copyOf(paperIds) : null;
		authors = (authors != null) ? List.copyOf(authors) : List.of();
		titles = (titles != null) ? List.copyOf(titles) : List.of();
		excluded = (excluded != null) ? List.copyOf(excluded) : List.of();
	}

	/** No restriction. */
	public static Filter any() {
		return ANY;
	}

	/** Only chunks of these papers. */
	public static Filter papers(Collection<UUID> paperIds) {
		return new Filter(Set.copyOf(paperIds), null, null, null, null, null);
	}

	public static Filter papers(UUID... paperIds) {
		return papers(Set.of(paperIds));
	}

	/** This filter, also restricted to these papers (the intersection when both are). */
	public Filter andPapers(Collection<UUID> ids) {
		Set<UUID> both;
		if (this.paperIds == null) {
			both = Set.copyOf(ids);
		}
		else {
			both = new java.util.HashSet<>(this.paperIds);
			both.retainAll(ids);
		}
		return new Filter(both, this.yearFrom, this.yearTo, this.authors, this.titles, this.excluded);
	}

	/** This filter with the restrictions a parsed query adds. */
	public Filter and(SearchQuery query) {
		Integer from = max(this.yearFrom, query.yearFrom());
		Integer to = min(this.yearTo, query.yearTo());
		return new Filter(this.paperIds, from, to, concat(this.authors, query.authors()),
				concat(this.titles, query.titles()), concat(this.excluded, query.excluded()));
	}

	/** True when only some papers are allowed. */
	public boolean restrictsPapers() {
		return this.paperIds != null;
	}

	/** True when something beyond the paper ids restricts the search. */
	public boolean restrictsFields() {
		return this.yearFrom != null || this.yearTo != null || !this.authors.isEmpty() || !this.titles.isEmpty()
				|| !this.excluded.isEmpty();
	}

	/** True when anything restricts the search. */
	public boolean restricted() {
		return restrictsPapers() || restrictsFields();
	}

	/** True when this filter can match nothing. */
	public boolean matchesNothing() {
		return (this.paperIds != null && this.paperIds.isEmpty())
				|| (this.yearFrom != null && this.yearTo != null && this.yearFrom > this.yearTo);
	}

	static Filter orAny(Filter filter) {
		return (filter != null) ? filter : ANY;
	}

	private static List<String> concat(List<String> a, List<String> b) {
		if (b.isEmpty()) {
			return a;
		}
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static Integer max(Integer a, Integer b) {
		return (a == null) ? b : (b == null) ? a : Integer.valueOf(Math.max(a, b));
	}

	private static Integer min(Integer a, Integer b) {
		return (a == null) ? b : (b == null) ? a : Integer.valueOf(Math.min(a, b));
	}

}
