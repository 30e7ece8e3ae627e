package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A paper as it appears in a list; with its arXiv id and abstract, so a client can
 * recognise and compare the library's papers without fetching each; {@code retraction}
 * when the paper was retracted, withdrawn, corrected or is under an expression of
 * concern.
 */
// The alias is written, never read: a client reads abstract.
@JsonIgnoreProperties(value = "abstractText", allowGetters = true)
public record PaperSummary(UUID id, String title, List<AuthorName> authors, Integer year, String doi, String status,
		String arxivId, @JsonProperty("abstract") String abstractText, Retraction retraction) {

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
