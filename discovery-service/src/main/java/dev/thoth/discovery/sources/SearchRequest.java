package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;

/**
 * What one run asks every source for.
 *
 * @param keywords words or phrases, any of which may match
 * @param categories subject categories (arXiv's {@code cs.LG}, bioRxiv's
 * {@code neuroscience}, …)
 * @param authors author names
 * @param from the first publication day, or null
 * @param to the last publication day, or null (today)
 * @param minYear the first publication year, or null
 * @param maxResults at most this many papers from each source
 * @param positiveSeeds Semantic Scholar ids of papers the researcher accepted
 * @param negativeSeeds Semantic Scholar ids of papers the researcher rejected
 */
public record SearchRequest(List<String> keywords, List<String> categories, List<String> authors, LocalDate from,
		LocalDate to, Integer minYear, int maxResults, List<String> positiveSeeds, List<String> negativeSeeds) {

	public SearchRequest {
		keywords = (keywords != null) ? List.copyOf(keywords) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		authors = (authors != null) ? List.copyOf(authors) : List.of();
		positiveSeeds = (positiveSeeds != null) ? List.copyOf(positiveSeeds) : List.of();
		negativeSeeds = (negativeSeeds != null) ? List.copyOf(negativeSeeds) : List.of();
		if (from == null && minYear != null) {
			from = LocalDate.of(minYear, 1, 1);
		}
	}

	/** Every term as plain words, for sources that take free text. */
	public String freeText() {
		return String.join(" ", this.keywords);
	}

	/** Whether a date falls into the window (an unknown date does). */
	public boolean inWindow(LocalDate date) {
		if (date == null) {
			return true;
		}
		return (this.from == null || !date.isBefore(this.from)) && (this.to == null || !date.isAfter(this.to));
	}

}
