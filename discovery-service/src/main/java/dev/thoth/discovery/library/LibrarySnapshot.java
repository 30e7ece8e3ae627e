package dev.thoth.discovery.library;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.thoth.discovery.dedup.Work;
import dev.thoth.discovery.dedup.WorkKeys;
import dev.thoth.discovery.ranking.Relevance;

/**
 * The library at the start of a run: what it holds, by key, and its papers' embeddings.
 */
public final class LibrarySnapshot {

	private final List<LibraryPaper> papers;

	private final Map<String, LibraryPaper> byKey = new HashMap<>();

	public LibrarySnapshot(List<LibraryPaper> papers) {
		this.papers = List.copyOf(papers);
		for (LibraryPaper paper : papers) {
			for (String key : paper.keys()) {
				// Source ids never name a library paper; titles only when nothing
				// stronger does.
				this.byKey.putIfAbsent(key, paper);
			}
		}
	}

	public static LibrarySnapshot empty() {
		return new LibrarySnapshot(List.of());
	}

	/**
	 * The library paper that is this work, by DOI, arXiv id, then title + first author +
	 * year.
	 */
	public Optional<LibraryPaper> holding(Work work) {
		for (String key : WorkKeys.of(work.ids(), work.title(), work.authors(), work.year())) {
			LibraryPaper paper = this.byKey.get(key);
			if (paper != null) {
				return Optional.of(paper);
			}
		}
		return Optional.empty();
	}

	public List<Relevance.Known> known() {
		return this.papers.stream()
			.map((paper) -> new Relevance.Known(paper.id(), paper.title(), paper.embedding()))
			.toList();
	}

	public int size() {
		return this.papers.size();
	}

}
