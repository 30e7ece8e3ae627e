package dev.thoth.discovery.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * What one source did in a run.
 *
 * @param source the source
 * @param status {@code ok}, {@code failed} (see errors) or {@code not_configured}
 * @param fetched records it returned
 * @param newResults works that were new to the query and the library, first returned by
 * it
 * @param duplicates records of works another source returned too, the query knew already,
 * or the library holds
 * @param downloaded new results first returned by it that the run downloaded
 * @param errors what went wrong, recovered from or not
 * @param rateLimitWaitMs time spent waiting for its rate limit and its Retry-After
 */
public record SourceReport(String source, String status, int fetched, int newResults, int duplicates, int downloaded,
		List<String> errors, long rateLimitWaitMs) {

	/** Counts as a run goes. */
	static final class Builder {

		final String source;

		String status = "ok";

		int fetched;

		int newResults;

		int duplicates;

		int downloaded;

		final List<String> errors = new ArrayList<>();

		long rateLimitWaitMs;

		Builder(String source) {
			this.source = source;
		}

		SourceReport build() {
			return new SourceReport(this.source, this.status, this.fetched, this.newResults, this.duplicates,
					this.downloaded, List.copyOf(this.errors), this.rateLimitWaitMs);
		}

	}

}
