package dev.thoth.pdfmonitor.extraction;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.thoth.domain.papers.ReviewFlags;
import dev.thoth.pdfmonitor.Corpus;

/**
 * Scores the extractors' output for one corpus paper against its truth, field by field,
 * the same way for the corpus tests and the extraction benchmark.
 */
final class CorpusScores {

	/**
	 * The scored fields, with the target share of right answers (0: none set).
	 */
	enum Field {

		TITLE("title", 1.0), AUTHORS("authors", 0.9), YEAR("year", 1.0), DOI("doi", 1.0), VENUE("venue", 0),
		ABSTRACT("abstract", 0.9), REFERENCE_COUNT("ref count", 0.9), SAMPLED_REFERENCES("refs sampled", 0.85);

		/**
		 * The metadata fields, which the review flags cover (by their provenance name).
		 */
		static final List<Field> METADATA = List.of(TITLE, AUTHORS, YEAR, DOI, VENUE, ABSTRACT);

		final String label;

		final double target;

		Field(String label, double target) {
			this.label = label;
			this.target = target;
		}

	}

	/**
	 * One paper's score. Every field counts one per paper, except the sampled references,
	 * which count one per sampled entry.
	 */
	record PaperScore(Corpus.Truth paper, Map<Field, Boolean> right, int referenceCount, int sampledRight, int sampled,
			List<String> wrong, Set<Field> flagged) {

		int right(Field field) {
			if (field == Field.SAMPLED_REFERENCES) {
				return this.sampledRight;
			}
			return this.right.get(field) ? 1 : 0;
		}

		int total(Field field) {
			return (field == Field.SAMPLED_REFERENCES) ? this.sampled : 1;
		}

	}

	private CorpusScores() {
	}

	static PaperScore score(Corpus.Truth paper) {
		CorpusExtractions.Result result = CorpusExtractions.of(paper);
		ExtractedMetadata metadata = result.metadata();
		List<Reference> references = result.references().references();
		List<String> wrong = new ArrayList<>();
		int sampledRight = 0;
		for (Corpus.SampledReference sample : paper.referencesSample()) {
			Reference actual = (sample.position() <= references.size()) ? references.get(sample.position() - 1) : null;
			if (actual != null && Objects.equals(norm(actual.title()), norm(sample.title()))
					&& Objects.equals(actual.firstAuthorSurname(), sample.firstAuthor())
					&& Objects.equals(actual.year(), sample.year())) {
				sampledRight++;
			}
			else {
				wrong.add("reference " + sample.position() + ": got `" + ((actual != null)
						? actual.firstAuthorSurname() + " / " + actual.year() + " / " + actual.title() : "nothing")
						+ "`, truth `" + sample.firstAuthor() + " / " + sample.year() + " / " + sample.title() + "`");
			}
		}
		Map<Field, Boolean> right = new EnumMap<>(Field.class);
		right.put(Field.TITLE, Objects.equals(norm(metadata.title()), norm(paper.title())));
		right.put(Field.AUTHORS, authors(metadata.authors()).equals(authors(paper.authors())));
		right.put(Field.YEAR, Objects.equals(metadata.year(), paper.year()));
		right.put(Field.DOI, Objects.equals(metadata.doi(), paper.doi()));
		right.put(Field.VENUE, Objects.equals(norm(metadata.venue()), norm(paper.venue())));
		right.put(Field.ABSTRACT,
				Objects.equals(norm(metadata.abstractFirstSentence()), norm(paper.abstractFirstSentence())));
		right.put(Field.REFERENCE_COUNT, paper.referenceCountAccept().contains(references.size()));
		right.put(Field.SAMPLED_REFERENCES, sampledRight == paper.referencesSample().size());
		List<String> fieldsWrong = new ArrayList<>();
		addIfWrong(fieldsWrong, right, Field.TITLE, metadata.title(), paper.title());
		addIfWrong(fieldsWrong, right, Field.AUTHORS, metadata.authors(), paper.authors());
		addIfWrong(fieldsWrong, right, Field.YEAR, metadata.year(), paper.year());
		addIfWrong(fieldsWrong, right, Field.DOI, metadata.doi(), paper.doi());
		addIfWrong(fieldsWrong, right, Field.VENUE, metadata.venue(), paper.venue());
		addIfWrong(fieldsWrong, right, Field.ABSTRACT, metadata.abstractFirstSentence(), paper.abstractFirstSentence());
		addIfWrong(fieldsWrong, right, Field.REFERENCE_COUNT, references.size(), paper.referenceCountAccept());
		fieldsWrong.addAll(wrong);
		return new PaperScore(paper, right, references.size(), sampledRight, paper.referencesSample().size(),
				fieldsWrong, flagged(metadata));
	}

	/**
	 * The metadata fields the review flags name for this extraction, as the API would.
	 */
	static Set<Field> flagged(ExtractedMetadata metadata) {
		Set<String> present = new HashSet<>();
		Map<Field, Object> values = new EnumMap<>(Field.class);
		values.put(Field.TITLE, metadata.title());
		values.put(Field.AUTHORS, metadata.authors().isEmpty() ? null : metadata.authors());
		values.put(Field.YEAR, metadata.year());
		values.put(Field.DOI, metadata.doi());
		values.put(Field.VENUE, metadata.venue());
		values.put(Field.ABSTRACT, metadata.abstractText());
		values.forEach((field, value) -> {
			if (value != null && !(value instanceof String text && text.isBlank())) {
				present.add(field.label);
			}
		});
		List<String> names = ReviewFlags.fieldsToReview(metadata.sources(), present);
		Set<Field> flagged = EnumSet.noneOf(Field.class);
		for (Field field : Field.METADATA) {
			if (names.contains(field.label)) {
				flagged.add(field);
			}
		}
		return flagged;
	}

	/** Right answers and total of one field over several papers. */
	static int[] total(List<PaperScore> scores, Field field) {
		int right = 0;
		int total = 0;
		for (PaperScore score : scores) {
			right += score.right(field);
			total += score.total(field);
		}
		return new int[] { right, total };
	}

	/**
	 * Authors compare as an ordered list, case-insensitively: a paper that prints its
	 * names in capitals is recorded as printed (wide/README.md).
	 */
	static List<String> authors(List<String> names) {
		return names.stream().map((name) -> norm(name).toLowerCase(Locale.ROOT)).toList();
	}

	static String norm(String text) {
		return CorpusExtractions.norm(text);
	}

	private static void addIfWrong(List<String> out, Map<Field, Boolean> right, Field field, Object actual,
			Object expected) {
		if (!right.get(field)) {
			out.add(field.label + ": got `" + actual + "`, truth `" + expected + "`");
		}
	}

}
