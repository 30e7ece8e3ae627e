package dev.thoth.api.search;

import dev.thoth.vectorstore.Embedder;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * Embeds queries, remembering them: in Redis when it is configured (shared by every API
 * replica), in process otherwise. A query's embedding never changes for one model, so the
 * model's name is part of the key.
 */
@Component
class QueryEmbeddings {

	static final String CACHE = "query-embeddings";

	private final Embedder embedder;

	QueryEmbeddings(Embedder embedder) {
		this.embedder = embedder;
	}

	@Cacheable(cacheNames = CACHE, key = "#root.target.modelName() + ':' + #query")
	public float[] embed(String query) {
		return this.embedder.embed(query);
	}

	public String modelName() {
		return this.embedder.modelName();
	}

}
