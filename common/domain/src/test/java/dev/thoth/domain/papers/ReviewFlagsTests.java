package dev.thoth.domain.papers;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewFlagsTests {

	@Test
	void lowConfidenceAndMissingNeededFieldsAreFlaggedUserCorrectionsNever() {
		Map<String, FieldSource> sources = Map.of("title", new FieldSource("layout", 0.5), "authors",
				new FieldSource("user", 1.0), "year", new FieldSource("text", 0.85), "abstract",
				new FieldSource("text", 0.5), "doi", new FieldSource("text", 0.9));
		assertThat(ReviewFlags.fieldsToReview(sources, Set.of("title", "authors", "year", "abstract", "doi")))
			.containsExactly("title", "venue", "abstract");
	}

	@Test
	void aPaperWithEverythingFoundWhereItBelongsHasNothingToCheck() {
		Map<String, FieldSource> sources = Map.of("title", new FieldSource("layout", 0.97), "authors",
				new FieldSource("layout", 0.8), "year", new FieldSource("crossref", 0.95), "venue",
				new FieldSource("text", 0.75));
		assertThat(ReviewFlags.fieldsToReview(sources, Set.of("title", "authors", "year", "venue"))).isEmpty();
	}

	@Test
	void thePaperEntityAppliesTheSameRule() {
		Paper paper = new Paper("a".repeat(64));
		paper.describe("A title", List.of("Ada Lovelace"), null);
		paper.recordSource("title", new FieldSource("pdf-metadata", 0.5));
		paper.recordSource("authors", new FieldSource("layout", 0.8));
		assertThat(paper.fieldsToReview()).containsExactly("title", "year", "venue");
	}

}
