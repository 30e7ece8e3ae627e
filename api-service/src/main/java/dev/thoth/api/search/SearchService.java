package dev.thoth.api.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.thoth.api.tags.TaggedPapers;
import dev.thoth.clients.api.SearchHit;
import dev.thoth.clients.api.SearchResults;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.SearchQuery;
import dev.thoth.vectorstore.VectorStore;
import dev.thoth.vectorstore.index.SearchIndex;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds passages in the library by words, by meaning, or both fused. Repeated searches
 * are answered from a cache that is emptied whenever the library changes.
 */
@Service
@EnableConfigurationProperties(SearchProperties.class)
public class SearchService {

	public static final String CACHE = "searches";

	/** Each ranker contributes this many candidates per requested hit to the fusion. */
	private static final int CANDIDATES_PER_HIT = 4;

	private static final int MIN_CANDIDATES = 40;

	private final VectorStore store;

	private final SearchIndex index;

	private final QueryEmbeddings embeddings;

	private final JdbcClient jdbc;

	private final TaggedPapers taggedPapers;

	private final SearchProperties.Fusion fusion;

	SearchService(VectorStore store, SearchIndex index, QueryEmbeddings embeddings, JdbcClient jdbc,
			TaggedPapers taggedPapers, SearchProperties properties) {
		this.store = store;
		this.index = index;
		this.embeddings = embeddings;
		this.jdbc = jdbc;
		this.taggedPapers = taggedPapers;
		this.fusion = properties.fusion();
	}

	/**
	 * The same, restricted to the given papers and tag when they are given (both: papers
	 * that satisfy both).
	 */
	public SearchResults search(String query, int k, SearchMode mode, Collection<UUID> paperIds, String tag) {
		return search(query, k, mode, SearchFilters.of(paperIds, tag));
	}

	/**
	 * The best {@code k} passages for the query, written in the query language
	 * ({@link SearchQuery}), among the papers that pass the filters.
	 * @throws dev.thoth.vectorstore.InvalidSearchQueryException when the query breaks the
	 * language's rules
	 */
	@Cacheable(cacheNames = CACHE, keyGenerator = SearchCacheKeys.BEAN)
	public SearchResults search(String query, int k, SearchMode mode, SearchFilters filters) {
		return search(query, SearchQuery.parse(query), k, mode, filters);
	}

	/**
	 * The same for plain text, every word searched for and no syntax: a question asked of
	 * the library.
	 */
	@Cacheable(cacheNames = CACHE, keyGenerator = SearchCacheKeys.BEAN)
	public SearchResults searchText(String text, int k, SearchMode mode, Collection<UUID> paperIds, String tag) {
		return search(text, SearchQuery.plain(text), k, mode, SearchFilters.of(paperIds, tag));
	}

	/**
	 * The change the search index has reached: part of every cached search's key, so that
	 * a search answered before a change is never served after it, whichever replica
	 * cached it.
	 */
	public long indexVersion() {
		return this.index.seq();
	}

	private SearchResults search(String asked, SearchQuery query, int k, SearchMode mode, SearchFilters filters) {
		Filter filter = filter(filters);
		if (filter.paperIds() != null && filter.paperIds().isEmpty()) {
			return new SearchResults(asked, mode.value(), List.of());
		}
		List<Hit> hits = switch (mode) {
			case LEXICAL -> this.store.lexical(query, k, filter);
			case SEMANTIC -> semantic(query, k, filter);
			case HYBRID -> {
				int candidates = Math.max(MIN_CANDIDATES, k * CANDIDATES_PER_HIT);
				// Both rankers give candidates without their passages; only the k shown
				// are read.
				List<Hit> lexical = this.store.lexicalCandidates(query, candidates, filter);
				List<Hit> semantic = query.hasTerms()
						? this.store.semanticCandidates(meaning(query), candidates, filter.and(query)) : List.of();
				yield this.store.withText(switch (this.fusion) {
					case SCORE -> ScoreFusion.fuse(k, lexical, semantic);
					case RRF -> ReciprocalRankFusion.fuse(k, List.of(lexical, semantic));
				});
			}
		};
		// Titles and notices are read after the cache (HitPapers), as they may change.
		return new SearchResults(asked, mode.value(),
				hits.stream()
					.map((hit) -> new SearchHit(hit.paperId(), null, hit.chunkId(), hit.text(), hit.page(),
							hit.section(), hit.score(), null))
					.toList());
	}

	/** By meaning: the query's words and phrases embedded, its restrictions applied. */
	private List<Hit> semantic(SearchQuery query, int k, Filter filter) {
		if (!query.hasTerms()) {
			return List.of();
		}
		return this.store.semantic(meaning(query), k, filter.and(query));
	}

	private float[] meaning(SearchQuery query) {
		return this.embeddings.embed(query.meaning());
	}

	private Filter filter(SearchFilters filters) {
		Collection<UUID> paperIds = filters.paperIds();
		Set<UUID> allowed = (paperIds == null || paperIds.isEmpty()) ? null : new HashSet<>(paperIds);
		for (String tag : (filters.tags() != null) ? filters.tags() : List.<String>of()) {
			if (tag == null || tag.isBlank()) {
				continue;
			}
			allowed = intersect(allowed, this.taggedPapers.withAnyOf(List.of(tag)));
		}
		if (filters.onMetadata()) {
			allowed = intersect(allowed, withMetadata(filters));
		}
		return (allowed == null) ? Filter.any() : Filter.papers(allowed);
	}

	private static Set<UUID> intersect(Set<UUID> allowed, Set<UUID> more) {
		if (allowed == null) {
			return new HashSet<>(more);
		}
		allowed.retainAll(more);
		return allowed;
	}

	/**
	 * The papers whose author, year and venue pass the filters: fixed SQL, bound values.
	 */
	private Set<UUID> withMetadata(SearchFilters filters) {
		StringBuilder sql = new StringBuilder("select p.id from papers p where true");
		Map<String, Object> params = new HashMap<>();
		if (filters.author() != null) {
			sql.append(" and exists (select 1 from paper_authors a where a.paper_id = p.id and a.name ilike :author)");
			params.put("author", containing(filters.author()));
		}
		if (filters.yearFrom() != null) {
			sql.append(" and p.year >= :yearFrom");
			params.put("yearFrom", filters.yearFrom());
		}
		if (filters.yearTo() != null) {
			sql.append(" and p.year <= :yearTo");
			params.put("yearTo", filters.yearTo());
		}
		if (filters.venue() != null) {
			sql.append(" and p.venue ilike :venue");
			params.put("venue", containing(filters.venue()));
		}
		return new HashSet<>(this.jdbc.sql(sql.toString()).params(params).query(UUID.class).list());
	}

	private static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
