package dev.thoth.api.search;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings.
 *
 * @param fusion how hybrid search merges its lexical and semantic rankings
 * (THOTH_SEARCH_FUSION): {@code score}, the default, weighs normalised scores and ranked
 * best on the labelled queries (bench/results/retrieval-quality.md); {@code rrf} is
 * reciprocal rank fusion, which uses ranks alone
 */
@Validated
@ConfigurationProperties("thoth.search")
record SearchProperties(@NotNull @DefaultValue("score") Fusion fusion) {

	enum Fusion {

		SCORE, RRF

	}

}
