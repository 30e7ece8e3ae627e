package dev.thoth.pdfmonitor.lookup;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Online lookups of a paper's references, when online lookups are on
 * ({@code THOTH_ONLINE_LOOKUPS}): by DOI from CrossRef, by title and year from OpenAlex
 * (with an API key) or else CrossRef's bibliographic search.
 *
 * @param openalexUrl the OpenAlex API ({@code THOTH_OPENALEX_URL})
 * @param openalexApiKey the key OpenAlex requires ({@code OPENALEX_API_KEY}); without it
 * titles are matched through CrossRef
 * @param maxPerPaper at most this many references of one paper are looked up
 * ({@code THOTH_REFERENCE_LOOKUPS_MAX}); 0 turns reference lookups off
 * @param concurrency lookups of one paper in flight at once
 * ({@code THOTH_REFERENCE_LOOKUPS_CONCURRENCY})
 * @param budget the time all lookups of one paper may take; those not finished by then
 * leave their references as parsed ({@code THOTH_REFERENCE_LOOKUPS_BUDGET})
 */
@Validated
@ConfigurationProperties("thoth.pdf-monitor.lookup.references")
public record ReferenceLookupProperties(
		@NotBlank @Pattern(regexp = "https?://\\S+",
				message = "must be an http or https URL") @DefaultValue("https://api.openalex.org") String openalexUrl,
		String openalexApiKey, @Min(0) @Max(1000) @DefaultValue("60") int maxPerPaper,
		@Min(1) @Max(16) @DefaultValue("4") int concurrency, @NotNull @DefaultValue("60s") Duration budget) {

}
