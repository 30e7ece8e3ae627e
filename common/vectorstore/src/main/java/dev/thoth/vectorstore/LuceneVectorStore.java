package dev.thoth.vectorstore;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.thoth.vectorstore.index.SearchIndex;

/**
 * The embedded store: passages written to PostgreSQL, searched in this replica's Lucene
 * index (BM25 over the passage, its section, its paper's title and authors; HNSW over the
 * embeddings). What this process writes is searchable when the write returns; what other
 * processes write, within the follower's poll (1 s by default).
 */
public class LuceneVectorStore implements VectorStore {

	static final Duration WAIT_FOR_INDEX = Duration.ofSeconds(60);

	private final PostgresChunks chunks;

	private final SearchIndex index;

	public LuceneVectorStore(PostgresChunks chunks, SearchIndex index) {
		this.chunks = chunks;
		this.index = index;
	}

	@Override
	public void replace(UUID paperId, List<EmbeddedChunk> chunks) {
		this.chunks.replace(paperId, chunks);
		this.index.catchUp(WAIT_FOR_INDEX);
	}

	@Override
	public void delete(UUID paperId) {
		this.chunks.delete(paperId);
		this.index.catchUp(WAIT_FOR_INDEX);
	}

	@Override
	public List<Hit> semantic(float[] query, int k, Filter filter) {
		return this.index.index().semantic(query, k, Filter.orAny(filter));
	}

	@Override
	public List<Hit> lexical(SearchQuery query, int k, Filter filter) {
		return this.index.index().lexical(query, k, Filter.orAny(filter));
	}

	@Override
	public List<Hit> semanticCandidates(float[] query, int k, Filter filter) {
		return this.index.index().semanticCandidates(query, k, Filter.orAny(filter));
	}

	@Override
	public List<Hit> lexicalCandidates(SearchQuery query, int k, Filter filter) {
		return this.index.index().lexicalCandidates(query, k, Filter.orAny(filter));
	}

	@Override
	public List<Hit> withText(List<Hit> hits) {
		return this.index.index().withText(hits);
	}

	@Override
	public long count() {
		return this.index.index().count();
	}

	@Override
	public String name() {
		return "lucene";
	}

}
