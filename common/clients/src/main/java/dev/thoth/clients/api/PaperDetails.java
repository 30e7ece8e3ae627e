package dev.thoth.clients.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One paper with its metadata and, per field, where the value came from;
 * {@code needsReview} names the fields to check (extracted with low confidence, or
 * missing though a citation needs them); {@code discoveryOrigin} is the discovery result
 * it was downloaded for, else null; {@code retraction} its retraction, withdrawal,
 * correction or expression of concern, else null.
 */
// The alias is written, never read: a client reads abstract.
@JsonIgnoreProperties(value = "abstractText", allowGetters = true)
public record PaperDetails(UUID id, String title, List<AuthorName> authors, Integer year, String doi, String arxivId,
		String venue, @JsonProperty("abstract") String abstractText, List<String> keywords, Integer pages,
		String status, String contentSha256, Map<String, FieldProvenance> provenance, List<String> needsReview,
		Instant createdAt, Instant updatedAt, DiscoveryOrigin discoveryOrigin, Retraction retraction) {

	/**
	 * The abstract under the name this JSON gave it before: deprecated, served for one
	 * release.
	 */
	@Deprecated(forRemoval = true)
	@JsonGetter("abstractText")
	@Schema(deprecated = true, description = "Deprecated alias of abstract, removed in the next release")
	public String abstractTextAlias() {
		return this.abstractText;
	}

}
