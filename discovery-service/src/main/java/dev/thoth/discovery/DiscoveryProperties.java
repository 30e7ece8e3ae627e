package dev.thoth.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The discovery service's settings ({@code thoth.discovery.*}; the variables are named in
 * application.yml).
 *
 * @param mailto a contact e-mail for the sources' polite pools (CrossRef, OpenAlex,
 * PubMed)
 * @param sources where each paper source is and how often it may be called
 * @param calls timeouts, retries and waits of every source call
 * @param download what may be downloaded, and how
 * @param schedule how runs are scheduled and leased
 * @param retractions the retraction watch over the library
 * @param imports papers imported by URL, DOI or arXiv id
 */
@Validated
@ConfigurationProperties("thoth.discovery")
public record DiscoveryProperties(String mailto, @Valid @NotNull Sources sources, @Valid @NotNull Calls calls,
		@Valid @NotNull Download download, @Valid @NotNull Schedule schedule, @Valid @NotNull Retractions retractions,
		@Valid @NotNull @DefaultValue Imports imports) {

	/** The six sources. */
	public record Sources(@Valid @NotNull Source arxiv, @Valid @NotNull Source semanticScholar,
			@Valid @NotNull Source pubmed, @Valid @NotNull Source crossref, @Valid @NotNull Source openalex,
			@Valid @NotNull Source biorxiv) {

	}

	/**
	 * One source.
	 *
	 * @param baseUrl its API's address (a mirror or a test server may stand in)
	 * @param minInterval the shortest time between two requests, across replicas
	 * @param minIntervalWithKey the same with an API key, where the source allows more
	 * @param contentUrl where its PDFs are (bioRxiv)
	 * @param medrxivContentUrl where medRxiv's PDFs are
	 */
	public record Source(@NotNull URI baseUrl, @NotNull Duration minInterval, Duration minIntervalWithKey,
			URI contentUrl, URI medrxivContentUrl) {

		public Duration interval(boolean withKey) {
			return (withKey && this.minIntervalWithKey != null) ? this.minIntervalWithKey : this.minInterval;
		}

	}

	/**
	 * Every source call.
	 *
	 * @param connectTimeout to connect
	 * @param readTimeout to read an answer
	 * @param attempts tries of one request (429, 503, time-outs and failed connections
	 * are tried again)
	 * @param firstBackoff the wait before the second try, doubled for each further one
	 * (unless the source says how long in Retry-After)
	 * @param maxWait the longest Retry-After waited for; longer gives up on the source
	 */
	public record Calls(@NotNull Duration connectTimeout, @NotNull Duration readTimeout,
			@DefaultValue("4") @Min(1) int attempts, @NotNull Duration firstBackoff, @NotNull Duration maxWait) {

	}

	/**
	 * Downloads of PDFs.
	 *
	 * @param schemes the URL schemes allowed (https by default)
	 * @param maxSize the largest PDF
	 * @param allowPrivateAddresses whether a PDF may come from a private, loopback or
	 * link-local address (tests only)
	 * @param maxRedirects how many redirects are followed
	 * @param timeout the longest a download may take
	 * @param testOrigins origins ({@code http://127.0.0.1:8089}) exempt from the scheme
	 * and address rules, so that tests can replay a source on the test machine while
	 * every other address is still checked (tests only; empty by default)
	 */
	public record Download(@NotEmpty List<String> schemes, @NotNull DataSize maxSize,
			@DefaultValue("false") boolean allowPrivateAddresses, @DefaultValue("5") @Min(0) int maxRedirects,
			@NotNull Duration timeout, @DefaultValue List<String> testOrigins) {

	}

	/**
	 * Papers imported by URL, DOI or arXiv id ({@code POST /discovery/imports}).
	 *
	 * @param arxivPdfUrl where arXiv serves a paper's PDF, the id appended
	 */
	public record Imports(@NotNull @DefaultValue("https://arxiv.org/pdf/") String arxivPdfUrl) {

	}

	/**
	 * Schedules and runs.
	 *
	 * @param tick how often each replica looks for due queries and queued runs
	 * @param lease how long a run's claim lasts unless renewed
	 * @param maxAttempts how often a run is taken up before it is failed
	 * @param ingestCheck how often downloaded results are checked for their paper
	 */
	public record Schedule(@NotNull Duration tick, @NotNull Duration lease, @DefaultValue("3") @Min(1) int maxAttempts,
			@NotNull Duration ingestCheck) {

	}

	/**
	 * The retraction watch.
	 *
	 * @param enabled whether library papers with a DOI are checked against CrossRef's
	 * notices (THOTH_ONLINE_LOOKUPS: off, nothing about the library leaves the machine)
	 * @param interval how often the library is checked, across all replicas
	 */
	public record Retractions(@DefaultValue("false") boolean enabled, @NotNull Duration interval) {

	}

}
