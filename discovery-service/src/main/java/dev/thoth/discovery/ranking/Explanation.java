package dev.thoth.discovery.ranking;

import java.util.List;
import java.util.UUID;

/**
 * Why a result scored what it did: every part of the score, with what it rests on.
 *
 * @param summary one sentence
 * @param matchedTerms the query's keywords, authors and categories the paper matches
 * @param lexical the share of the query's terms matched (0 to 1)
 * @param semantic the paper's meaning against the query's (0 to 1)
 * @param library how close it is to the library's papers (0 to 1), null when the library
 * is empty
 * @param similarLibraryPapers the closest library papers
 * @param similarAccepted the closest results the researcher accepted for this query
 * @param classifier the query's classifier, once there is feedback to train it on
 */
public record Explanation(String summary, List<String> matchedTerms, double lexical, double semantic, Double library,
		List<Similar> similarLibraryPapers, List<Similar> similarAccepted, Classifier classifier) {

	/**
	 * A paper it resembles.
	 *
	 * @param id the library paper or the discovery result
	 * @param title its title
	 * @param similarity cosine similarity of the two papers' embeddings
	 */
	public record Similar(UUID id, String title, double similarity) {
	}

	/**
	 * The classifier's part.
	 *
	 * @param probability how likely the researcher accepts the paper
	 * @param weight the share of the score it makes (grows with feedback)
	 * @param positives accepted results it learnt from
	 * @param negatives rejected results it learnt from
	 * @param strongestFeatures the features that pushed this paper's probability most, up
	 * ({@code +}) or down ({@code -})
	 */
	public record Classifier(double probability, double weight, int positives, int negatives,
			List<Feature> strongestFeatures) {
	}

	/**
	 * @param feature a word, or "embedding" for the paper's meaning as a whole
	 * @param contribution its weight times its value for this paper
	 */
	public record Feature(String feature, double contribution) {
	}

}
