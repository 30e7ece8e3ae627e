package dev.thoth.domain.papers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which metadata fields a researcher should check: those extracted with a confidence
 * below {@link #CONFIDENCE_BELOW}, and those missing although a citation needs them
 * (title, authors, year, venue). The same rule flags a paper in the API
 * ({@code needsReview}), in its note, and in the extraction benchmark, which measures how
 * many wrong fields the flags catch.
 */
public final class ReviewFlags {

	/**
	 * Below this, a field is flagged: the extractors give 0.5 and less to guesses (a
	 * title in the body's font, an unlabelled abstract, authors from the PDF's own
	 * metadata) and 0.75 and more to fields found where they belong.
	 */
	public static final double CONFIDENCE_BELOW = 0.6;

	/** Fields every citation needs: missing, they are flagged. */
	public static final List<String> NEEDED = List.of("title", "authors", "year", "venue");

	private ReviewFlags() {
	}

	/**
	 * The fields to check, in a stable order: the needed ones first, then the others by
	 * name.
	 * @param sources where each present field came from, with its confidence
	 * @param present the fields that have a value
	 */
	public static List<String> fieldsToReview(Map<String, FieldSource> sources, Set<String> present) {
		List<String> flagged = new ArrayList<>();
		for (String field : NEEDED) {
			FieldSource source = sources.get(field);
			if (!present.contains(field) || (source != null && source.confidence() < CONFIDENCE_BELOW)) {
				flagged.add(field);
			}
		}
		sources.entrySet()
			.stream()
			.filter((entry) -> !NEEDED.contains(entry.getKey()) && present.contains(entry.getKey())
					&& entry.getValue().confidence() < CONFIDENCE_BELOW)
			.map(Map.Entry::getKey)
			.sorted()
			.forEach(flagged::add);
		return List.copyOf(flagged);
	}

}
