package dev.thoth.pdfmonitor.analysis;

import java.util.List;

/**
 * What Thoth says about a paper, whether a model wrote it or the offline analyzer: the
 * same fields either way, so notes and the API need not care which.
 *
 * @param summary a few sentences on what the paper does
 * @param keyPoints the most telling statements
 * @param methodology how the work was done
 * @param results what it found
 * @param limitations what it does not cover or could not show
 * @param contributions what it adds
 * @param tags topic tags, lower case
 * @param analyzer who wrote it: {@code offline} or the model's name
 */
public record Analysis(String summary, List<String> keyPoints, List<String> methodology, List<String> results,
		List<String> limitations, List<String> contributions, List<String> tags, String analyzer) {

	public Analysis {
		keyPoints = List.copyOf(keyPoints);
		methodology = List.copyOf(methodology);
		results = List.copyOf(results);
		limitations = List.copyOf(limitations);
		contributions = List.copyOf(contributions);
		tags = List.copyOf(tags);
	}

}
