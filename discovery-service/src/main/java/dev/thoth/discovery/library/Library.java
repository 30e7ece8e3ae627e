package dev.thoth.discovery.library;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperSummary;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.vectorstore.Embedder;

import org.springframework.stereotype.Component;

/**
 * The library, read through the API's paper list (never its tables), with each paper's
 * title and abstract embedded once and kept while the text stays the same.
 */
@Component
public class Library {

	/** Larger libraries are compared by their newest papers only. */
	static final int MAX_PAPERS = 20_000;

	private static final int PAGE = 100;

	private final PapersClient papers;

	private final Embedder embedder;

	private record Cached(int textHash, float[] embedding) {
	}

	private final Map<UUID, Cached> embeddings = new ConcurrentHashMap<>();

	/**
	 * Feedback rescoring reuses a recent snapshot rather than reading the library per
	 * click.
	 */
	private static final Duration RECENT = Duration.ofMinutes(10);

	private volatile LibrarySnapshot last;

	private volatile Instant lastAt = Instant.EPOCH;

	Library(PapersClient papers, Embedder embedder) {
		this.papers = papers;
		this.embedder = embedder;
	}

	/** The snapshot of the last few minutes, or a new one. */
	public LibrarySnapshot recent() {
		LibrarySnapshot snapshot = this.last;
		if (snapshot != null && this.lastAt.isAfter(Instant.now().minus(RECENT))) {
			return snapshot;
		}
		return snapshot();
	}

	public LibrarySnapshot snapshot() {
		List<PaperSummary> all = new ArrayList<>();
		for (int page = 0; all.size() < MAX_PAPERS; page++) {
			PageResponse<PaperSummary> answer = this.papers.list(page, PAGE);
			all.addAll(answer.items());
			if (answer.items().isEmpty() || page + 1 >= answer.totalPages()) {
				break;
			}
		}
		List<PaperSummary> toEmbed = new ArrayList<>();
		for (PaperSummary paper : all) {
			Cached cached = this.embeddings.get(paper.id());
			if (paper.title() != null && (cached == null || cached.textHash() != text(paper).hashCode())) {
				toEmbed.add(paper);
			}
		}
		List<float[]> vectors = this.embedder.embed(toEmbed.stream().map(Library::text).toList());
		for (int i = 0; i < toEmbed.size(); i++) {
			PaperSummary paper = toEmbed.get(i);
			this.embeddings.put(paper.id(), new Cached(text(paper).hashCode(), vectors.get(i)));
		}
		this.embeddings.keySet().retainAll(all.stream().map(PaperSummary::id).toList());
		List<LibraryPaper> known = new ArrayList<>();
		for (PaperSummary paper : all) {
			Cached cached = this.embeddings.get(paper.id());
			List<String> authors = (paper.authors() != null)
					? paper.authors().stream().map(AuthorName::name).filter(Objects::nonNull).toList() : List.of();
			known.add(LibraryPaper.of(paper.id(), paper.title(), authors, paper.year(), paper.doi(), paper.arxivId(),
					(cached != null) ? cached.embedding() : null));
		}
		LibrarySnapshot snapshot = new LibrarySnapshot(known);
		this.last = snapshot;
		this.lastAt = Instant.now();
		return snapshot;
	}

	private static String text(PaperSummary paper) {
		String title = Objects.requireNonNullElse(paper.title(), "");
		return (paper.abstractText() != null) ? title + ". " + paper.abstractText() : title;
	}

}
