package dev.thoth.clients.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A research query as a client defines it ({@code POST}, {@code PUT}): what the discovery
 * service searches for, where, and when. Missing lists are empty; at least one keyword,
 * category or author is needed.
 *
 * @param name unique
 * @param sources any of {@link #SOURCES}; empty means every source
 * @param minYear only papers from this year on
 * @param maxResults at most this many papers per run (default 50)
 * @param schedule a Spring cron expression (six fields: second minute hour day month
 * weekday) or a macro such as {@code @hourly}, {@code @daily} (the default),
 * {@code @weekly}
 * @param enabled whether the discovery service runs it (default true)
 * @param minRelevance the score (0 to 1) from which a result counts as relevant: the feed
 * and automatic downloads take only those (default 0.5)
 * @param autoDownload whether a run downloads every new result scoring at least
 * {@code minRelevance} into the library by itself (default false)
 * @param lastDays only papers published in the last so many days (1 to 3650); not with
 * {@code from}/{@code to}
 * @param from only papers published on or after this day; not with {@code lastDays}
 * @param to only papers published on or before this day; not with {@code lastDays}
 */
public record ResearchQueryRequest(
		@NotBlank @Size(min = 1, max = 200) @Pattern(regexp = NAME,
				message = "must have a visible character and no control characters") String name,
		@Size(max = 50) List<@NotBlank @Size(min = 1, max = 200) @Pattern(regexp = VISIBLE,
				message = "must not be blank") String> keywords,
		@Size(max = 50) List<@NotBlank @Size(min = 1, max = 100) @Pattern(regexp = VISIBLE,
				message = "must not be blank") String> categories,
		@Size(max = 50) List<@NotBlank @Size(min = 1, max = 200) @Pattern(regexp = VISIBLE,
				message = "must not be blank") String> authors,
		@Size(max = 6) List<@NotBlank @Pattern(regexp = SOURCE,
				message = "must be one of arxiv, semantic_scholar, pubmed, crossref, openalex, biorxiv") String> sources,
		@Min(1500) @Max(2100) Integer minYear, @Min(1) @Max(500) Integer maxResults, @Size(max = 100) String schedule,
		Boolean enabled, @DecimalMin("0") @DecimalMax("1") Double minRelevance, Boolean autoDownload,
		@Min(1) @Max(3650) Integer lastDays, LocalDate from, LocalDate to) {

	/** The paper sources the discovery service knows. */
	public static final List<String> SOURCES = List.of("arxiv", "semantic_scholar", "pubmed", "crossref", "openalex",
			"biorxiv");

	// Anchored and in the regex dialect that Java, JavaScript and Python share, since the
	// OpenAPI document publishes them (JSON Schema patterns are not anchored by
	// themselves).
	static final String SOURCE = "^(arxiv|semantic_scholar|pubmed|crossref|openalex|biorxiv)$";

	static final String VISIBLE = "^[\\s\\S]*\\S[\\s\\S]*$";

	static final String NAME = "^[^\\x00-\\x1F\\x7F]*[^\\s\\x00-\\x1F\\x7F][^\\x00-\\x1F\\x7F]*$";

	/** A query for these keywords, on every source, daily, with the defaults. */
	public static ResearchQueryRequest of(String name, List<String> keywords) {
		return new ResearchQueryRequest(name, keywords, null, null, null, null, null, null, null, null, null, null,
				null, null);
	}

}
