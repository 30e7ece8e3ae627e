package dev.thoth.clients.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A correction of a paper's metadata for {@code PATCH /api/v1/papers/{id}}: the fields
 * given replace the paper's, the others stay as they are. Corrections survive
 * re-processing. This record sends only its non-null fields, so it cannot clear a field;
 * to clear one, send it as JSON {@code null} in a raw merge-patch body.
 *
 * @param title the title
 * @param authors the authors in order
 * @param year the year of publication
 * @param doi the DOI ({@code 10.NNNN/...})
 * @param venue the journal or conference
 * @param abstractText the abstract (sent as {@code abstract})
 * @param keywords the keywords
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaperCorrection(String title, List<AuthorName> authors, Integer year, String doi, String venue,
		@JsonProperty("abstract") String abstractText, List<String> keywords) {

	/** A correction of the title only. */
	public static PaperCorrection title(String title) {
		return new PaperCorrection(title, null, null, null, null, null, null);
	}

}
