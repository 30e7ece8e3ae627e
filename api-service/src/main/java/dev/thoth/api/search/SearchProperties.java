package dev.thoth.api.search;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings.
 *
 * @param fusion how hybrid search merges its lexical and semantic rankings
 * (THOTH_SEARCH_FUSION): {@code score}, the default, weighs normalised scores and ranked
 * best on the labelled queries (bench/results/retrieval-quality.md); {@code rrf} is
 * reciprocal rank fusion, which uses ranks alone
 * @param cache how much memory the in-process caches may hold, by the size of what they
 * hold rather than by entry count (a cached search carries whole passages)
 */
@Validated
@ConfigurationProperties("thoth.search")
record SearchProperties(@NotNull @DefaultValue("score") Fusion fusion, @NotNull @DefaultValue Cache cache) {

	/**
	 * @param searches THOTH_SEARCH_CACHE_SIZE: repeated searches, for 10 minutes
	 * @param queryEmbeddings THOTH_QUERY_EMBEDDING_CACHE_SIZE: query embeddings (1.6 kB
	 * each), for 7 days
	 */
	record Cache(@NotNull @DefaultValue("16MB") DataSize searches,
			@NotNull @DefaultValue("4MB") DataSize queryEmbeddings) {
	}

	enum Fusion {

		SCORE, RRF

	}

}
