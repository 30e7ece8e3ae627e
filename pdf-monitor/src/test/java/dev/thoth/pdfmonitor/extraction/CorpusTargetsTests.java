package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.thoth.pdfmonitor.Corpus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field over all papers of both corpus sets reaches issue 17's target share of
 * right answers, scored as the extraction benchmark scores it; a field still short of its
 * target must not fall below the level measured when it was last improved.
 */
class CorpusTargetsTests {

	@ParameterizedTest
	@EnumSource(CorpusScores.Field.class)
	void everyFieldReachesItsTargetOverTheWholeCorpus(CorpusScores.Field field) {
		List<CorpusScores.PaperScore> scores = Corpus.truths().stream().map(CorpusScores::score).toList();
		int[] total = CorpusScores.total(scores, field);
		assertThat(total[1]).isEqualTo((field == CorpusScores.Field.SAMPLED_REFERENCES)
				? scores.stream().mapToInt(CorpusScores.PaperScore::sampled).sum() : 17);
		assertThat((double) total[0] / total[1]).as("share of %s right", field.label)
			.isGreaterThanOrEqualTo(floor(field));
	}

	@Test
	void theReviewFlagsCatchMostWrongMetadataFieldsAndFlagFewRightOnes() {
		List<CorpusScores.PaperScore> scores = Corpus.truths().stream().map(CorpusScores::score).toList();
		int wrong = 0;
		int caught = 0;
		int right = 0;
		int needless = 0;
		for (CorpusScores.PaperScore score : scores) {
			for (CorpusScores.Field field : CorpusScores.Field.METADATA) {
				boolean flagged = score.flagged().contains(field);
				if (score.right().get(field)) {
					right++;
					needless += flagged ? 1 : 0;
				}
				else {
					wrong++;
					caught += flagged ? 1 : 0;
				}
			}
		}
		// Measured when the flags came: 3 of 3 wrong caught, 14 of 99 right flagged
		// (mostly a year or venue the paper does not print, which a citation needs).
		assertThat(wrong).isPositive();
		assertThat((double) caught / wrong).as("wrong fields caught").isGreaterThanOrEqualTo(0.75);
		assertThat((double) needless / right).as("right fields flagged").isLessThanOrEqualTo(0.2);
	}

	@Test
	void theMainCodeNamesNoCorpusPaper() throws IOException {
		// no special cases: neither a corpus file name nor a title from the truth appears
		// in the extractors' code
		List<String> forbidden = new ArrayList<>();
		for (Corpus.Truth paper : Corpus.truths()) {
			forbidden.add(paper.file().replaceAll("\\.pdf$", "").toLowerCase(Locale.ROOT));
			forbidden.add(paper.title().toLowerCase(Locale.ROOT));
		}
		Path main = Path.of(System.getProperty("user.dir")).resolve("src/main");
		try (Stream<Path> files = Files.walk(main)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String code = Files.readString(file).toLowerCase(Locale.ROOT);
				assertThat(forbidden).as("corpus names in %s", file).noneMatch(code::contains);
			}
		}
	}

	/** The target, or for a field still short of it, the measured level. */
	private static double floor(CorpusScores.Field field) {
		return switch (field) {
			// venue has no target: 14 of 17 as printed
			case VENUE -> 14 / 17.0;
			default -> field.target;
		};
	}

}
