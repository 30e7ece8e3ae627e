package dev.thoth.api.search;

import java.lang.reflect.Method;

import dev.thoth.vectorstore.Embedder;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.stereotype.Component;

/**
 * Embeds queries, remembering them: in Redis when it is configured (shared by every API
 * replica), in process otherwise. A query's embedding never changes for one model, so the
 * model's name is part of the key.
 */
@Component
class QueryEmbeddings {

	static final String CACHE = "query-embeddings";

	static final String KEYS = "queryEmbeddingKeys";

	private final Embedder embedder;

	QueryEmbeddings(Embedder embedder) {
		this.embedder = embedder;
	}

	@Cacheable(cacheNames = CACHE, keyGenerator = QueryEmbeddings.KEYS)
	public float[] embed(String query) {
		return this.embedder.embed(query);
	}

	public String modelName() {
		return this.embedder.modelName();
	}

	/**
	 * The model's name and the query, {@code model:query}: what a SpEL key would give,
	 * built without evaluating an expression on every search by meaning.
	 */
	@Component(KEYS)
	static class Keys implements KeyGenerator {

		@Override
		public Object generate(Object target, Method method, Object... params) {
			return ((QueryEmbeddings) target).modelName() + ':' + params[0];
		}

	}

}
