package dev.thoth.api.papers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/papers/{id}} as the OpenAPI document describes it
 * ({@link CorrectionRequest} reads and checks the real one, telling a field left out from
 * one set to null, which a record cannot). Patterns say "contains a character that is
 * neither white space nor a control character", i.e. not blank.
 */
@Schema(name = PaperCorrectionDocument.SCHEMA,
		description = "Only the fields given change; null clears a field (not title; authors and keywords become "
				+ "empty).",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record PaperCorrectionDocument(
		@Schema(minLength = 1, maxLength = CorrectionRequest.MAX_TITLE,
				pattern = PaperCorrectionDocument.NOT_BLANK) String title,
		@ArraySchema(maxItems = CorrectionRequest.MAX_AUTHORS, arraySchema = @Schema(types = {
				"array", "null" }),
				schema = @Schema(oneOf = { AuthorNameDocument.class, AuthorText.class })) List<Object> authors,
		@Schema(types = { "integer", "null" }, format = "int32", minimum = "" + CorrectionRequest.MIN_YEAR,
				description = "Not after next year (the maximum is set when the document is served)") Integer year,
		@Schema(types = { "string", "null" }, maxLength = CorrectionRequest.MAX_DOI,
				pattern = "^10\\.[0-9]{4,9}/[^\\s\\u0000-\\u001f]+$", example = "10.1000/xyz123") String doi,
		@Schema(types = { "string", "null" }, maxLength = CorrectionRequest.MAX_VENUE) String venue,
		@JsonProperty("abstract") @Schema(types = { "string", "null" },
				maxLength = CorrectionRequest.MAX_ABSTRACT) String abstractText,
		@ArraySchema(maxItems = CorrectionRequest.MAX_KEYWORDS,
				schema = @Schema(minLength = 1, maxLength = CorrectionRequest.MAX_KEYWORD,
						pattern = PaperCorrectionDocument.NOT_BLANK)) List<String> keywords){

	/** The name of this schema in the OpenAPI document. */
	static final String SCHEMA = "PaperCorrection";

	static final String NOT_BLANK = "[^\\s\\u0000-\\u001f]";

	@Schema(name = "AuthorNameText", types = "string", description = "An author's name", minLength = 1,
			maxLength = CorrectionRequest.MAX_NAME, pattern = NOT_BLANK)
	record AuthorText() {
	}

	@Schema(name = "AuthorNameObject", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record AuthorNameDocument(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
			maxLength = CorrectionRequest.MAX_NAME, pattern = NOT_BLANK) String name) {
	}

}
