package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.thoth.vectorstore.index.LuceneChunkIndex;
import dev.thoth.vectorstore.index.SearchIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * ChromaDB for meaning, this replica's Lucene index (words only, no vectors) for words.
 * Passages are written to PostgreSQL, which the index follows, and to ChromaDB.
 * <p>
 * ChromaDB's metadata holds a passage's paper, not its paper's title, authors or year,
 * which change through the API. So a semantic search restricted by those asks the index
 * which papers pass and hands ChromaDB their ids ({@code paper_id $in}); one that
 * excludes words asks ChromaDB for more candidates and leaves out those the index says
 * hold such a word. A passage ChromaDB still holds but PostgreSQL no longer does (a paper
 * removed while ChromaDB was unreachable) is left out too: the index follows PostgreSQL.
 * ChromaDB is asked for ids and distances only; the passages are read from the index.
 */
public class ChromaLuceneVectorStore implements VectorStore, MeterBinder {

	/** Candidates per hit asked of ChromaDB when excluded words may remove some. */
	static final int EXCLUSION_OVERFETCH = 3;

	private final MirroredChunks chunks;

	private final ChromaVectorStore chroma;

	private final SearchIndex words;

	public ChromaLuceneVectorStore(PostgresChunks postgres, ChromaVectorStore chroma, SearchIndex words) {
		this.chunks = new MirroredChunks(postgres, chroma);
		this.chroma = chroma;
		this.words = words;
	}

	/** ChromaDB's batching of searches by meaning ({@link ChromaVectorStore#bindTo}). */
	@Override
	public void bindTo(MeterRegistry registry) {
		this.chroma.bindTo(registry);
	}

	@Override
	public void replace(UUID paperId, List<EmbeddedChunk> chunks) {
		this.chunks.replace(paperId, chunks);
		this.words.catchUp(LuceneVectorStore.WAIT_FOR_INDEX);
	}

	@Override
	public void delete(UUID paperId) {
		this.chunks.delete(paperId);
		this.words.catchUp(LuceneVectorStore.WAIT_FOR_INDEX);
	}

	@Override
	public List<Hit> semantic(float[] query, int k, Filter filter) {
		return this.words.index().withText(semanticCandidates(query, k, filter));
	}

	@Override
	public List<Hit> semanticCandidates(float[] query, int k, Filter filter) {
		Filter effective = Filter.orAny(filter);
		if (k <= 0 || effective.matchesNothing()) {
			return List.of();
		}
		Set<UUID> papers = effective.paperIds();
		if (effective.restrictsFields()) {
			LuceneChunkIndex index = this.words.index();
			Filter paperLevel = new Filter(effective.paperIds(), effective.yearFrom(), effective.yearTo(),
					effective.authors(), effective.titles(), List.of());
			if (paperLevel.restricted()) {
				papers = index.papers(paperLevel);
			}
		}
		boolean excluding = !effective.excluded().isEmpty();
		Map<UUID, Double> nearest = this.chroma.nearest(query, excluding ? k * EXCLUSION_OVERFETCH : k, papers);
		LuceneChunkIndex index = this.words.index();
		Map<UUID, UUID> held = index.papersOf(nearest.keySet());
		Set<UUID> holding = excluding ? index.holding(nearest.keySet(), effective.excluded()) : Set.of();
		List<Hit> kept = new ArrayList<>();
		nearest.forEach((chunkId, cosine) -> {
			UUID paperId = held.get(chunkId);
			if (paperId != null && !holding.contains(chunkId) && kept.size() < k) {
				kept.add(Hit.candidate(chunkId, paperId, cosine));
			}
		});
		return kept;
	}

	@Override
	public List<Hit> lexical(SearchQuery query, int k, Filter filter) {
		return this.words.index().lexical(query, k, Filter.orAny(filter));
	}

	@Override
	public List<Hit> lexicalCandidates(SearchQuery query, int k, Filter filter) {
		return this.words.index().lexicalCandidates(query, k, Filter.orAny(filter));
	}

	/**
	 * Every candidate, lexical or ChromaDB's, gets its passage from the index.
	 */
	@Override
	public List<Hit> withText(List<Hit> hits) {
		return this.words.index().withText(hits);
	}

	@Override
	public long count() {
		return this.words.index().count();
	}

	@Override
	public String name() {
		return "chromadb+lucene";
	}

}
