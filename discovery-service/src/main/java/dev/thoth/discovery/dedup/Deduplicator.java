package dev.thoth.discovery.dedup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.thoth.discovery.sources.Candidate;
import dev.thoth.discovery.sources.WorkIds;

/**
 * Merges the records of all sources into works: records sharing any key (a DOI, the arXiv
 * id, the PMID, a source's own id, or title + first author + year) are one work. Metadata
 * is taken source by source in order of trust (the publisher's record first), the longest
 * abstract wins, a PDF from an open server first; a work is retracted when any record
 * says so. Retraction markers without a work of their own are dropped.
 */
public final class Deduplicator {

	/** Whose metadata is trusted first. */
	static final List<String> TRUST = List.of("crossref", "pubmed", "openalex", "semantic_scholar", "arxiv", "biorxiv");

	/**
	 * Whose PDF links are tried first: open servers, then aggregators, then publishers.
	 */
	static final List<String> PDF_ORDER = List.of("arxiv", "biorxiv", "openalex", "semantic_scholar", "crossref",
			"pubmed");

	private Deduplicator() {
	}

	public static List<Work> merge(List<Candidate> candidates) {
		int[] parent = new int[candidates.size()];
		for (int i = 0; i < parent.length; i++) {
			parent[i] = i;
		}
		Map<String, Integer> owners = new HashMap<>();
		for (int i = 0; i < candidates.size(); i++) {
			Candidate candidate = candidates.get(i);
			for (String key : WorkKeys.of(candidate.ids(), candidate.title(), candidate.authors(), candidate.year())) {
				Integer owner = owners.putIfAbsent(key, i);
				if (owner != null) {
					union(parent, owner, i);
				}
			}
		}
		Map<Integer, List<Candidate>> groups = new LinkedHashMap<>();
		for (int i = 0; i < candidates.size(); i++) {
			groups.computeIfAbsent(find(parent, i), (root) -> new ArrayList<>()).add(candidates.get(i));
		}
		List<Work> works = new ArrayList<>();
		for (List<Candidate> group : groups.values()) {
			Work work = combine(group);
			if (work != null) {
				works.add(work);
			}
		}
		return works;
	}

	static Work combine(List<Candidate> group) {
		Set<String> sources = new LinkedHashSet<>();
		group.forEach((candidate) -> sources.add(candidate.source()));
		List<Candidate> trusted = new ArrayList<>(group);
		trusted.sort(Comparator.comparingInt((Candidate c) -> rank(TRUST, c.source())));
		List<Candidate> described = trusted.stream().filter((c) -> c.title() != null).toList();
		if (described.isEmpty()) {
			// Only retraction markers: no work of its own here.
			return null;
		}
		WorkIds ids = WorkIds.none();
		for (Candidate candidate : trusted) {
			ids = ids.merge(candidate.ids());
		}
		Candidate first = described.get(0);
		String abstractText = described.stream()
			.map(Candidate::abstractText)
			.filter((text) -> text != null)
			.max(Comparator.comparingInt(String::length))
			.orElse(null);
		List<String> authors = described.stream()
			.map(Candidate::authors)
			.filter((names) -> !names.isEmpty())
			.findFirst()
			.orElse(List.of());
		LocalDate published = described.stream()
			.map(Candidate::published)
			.filter((date) -> date != null)
			.findFirst()
			.orElse(null);
		Integer year = (published != null) ? Integer.valueOf(published.getYear())
				: described.stream().map(Candidate::year).filter((y) -> y != null).findFirst().orElse(null);
		String venue = described.stream().map(Candidate::venue).filter((v) -> v != null).findFirst().orElse(null);
		Set<String> categories = new LinkedHashSet<>();
		described.forEach((candidate) -> categories.addAll(candidate.categories()));
		String pdf = group.stream()
			.filter((c) -> c.pdfUrl() != null)
			.sorted(Comparator.comparingInt((Candidate c) -> rank(PDF_ORDER, c.source())))
			.map(Candidate::pdfUrl)
			.findFirst()
			.orElse(null);
		Integer citations = group.stream()
			.map(Candidate::citationCount)
			.filter((count) -> count != null)
			.max(Integer::compare)
			.orElse(null);
		boolean retracted = group.stream().anyMatch(Candidate::retracted);
		return new Work(ids, first.title(), authors, abstractText, published, year, venue,
				categories.stream().limit(12).toList(), pdf, citations, retracted, List.copyOf(sources), group.size());
	}

	private static int rank(List<String> order, String source) {
		int at = order.indexOf(source);
		return (at >= 0) ? at : order.size();
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	private static void union(int[] parent, int a, int b) {
		int rootA = find(parent, a);
		int rootB = find(parent, b);
		if (rootA != rootB) {
			parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
		}
	}

}
