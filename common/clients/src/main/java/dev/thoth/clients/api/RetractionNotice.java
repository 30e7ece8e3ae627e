package dev.thoth.clients.api;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An editorial notice about a paper, as the retraction watch records it on the paper
 * ({@code PUT /api/v1/papers/{id}/retraction}).
 *
 * @param type {@code retraction}, {@code withdrawal}, {@code correction} or
 * {@code expression_of_concern}
 * @param noticeDoi the DOI of the notice itself
 * @param date when the notice was issued, if known
 * @param source who reports it: {@code publisher}, {@code retraction-watch}, …
 * @param label the notice's own name for itself ("Retraction", "Erratum", …)
 */
public record RetractionNotice(@Schema(example = "retraction", allowableValues = {
		"retraction", "withdrawal", "expression_of_concern", "correction" }) @NotNull @Pattern(
				regexp = RetractionNotice.TYPES,
				message = "must be one of retraction, withdrawal, correction, expression_of_concern") String type,
		@Schema(example = "10.1371/journal.pone.0000001") @NotNull @Size(max = 300) @Pattern(
				regexp = RetractionNotice.DOI,
				message = "must be a DOI such as 10.1234/abc (no spaces)") String noticeDoi,
		LocalDate date,
		@Size(max = 50) @Pattern(regexp = "[a-z][a-z0-9_-]*",
				message = "must be lower-case letters, digits, '-' or '_'") String source,
		@Size(max = 100) String label){

	/** The kinds of notice, from the most serious. */
	public static final String TYPES = "retraction|withdrawal|expression_of_concern|correction";

	public static final String DOI = "10\\.\\d{4,9}/\\S+";

}
