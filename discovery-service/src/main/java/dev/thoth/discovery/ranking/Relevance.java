package dev.thoth.discovery.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The score of a paper for a research query, from 0 to 1, and why.
 * <p>
 * Before any feedback it is the paper's likeness to the query and to the library: the
 * share of the query's terms it matches (lexical), its embedding against the query's
 * (semantic), and its embedding against the closest library papers. Once the query has
 * accepted and rejected results, its classifier's probability counts too, the more so the
 * more feedback it learnt from.
 */
public final class Relevance {

	static final double SEMANTIC_WEIGHT = 0.45;

	static final double LEXICAL_WEIGHT = 0.35;

	static final double LIBRARY_WEIGHT = 0.20;

	/** Feedback papers at which the classifier makes half of the score. */
	static final double HALF_WEIGHT_AT = 8;

	static final double MAX_CLASSIFIER_WEIGHT = 0.75;

	/**
	 * Cosine similarities of all-MiniLM-L6-v2 below this mean unrelated; above the top,
	 * the same topic.
	 */
	static final double UNRELATED = 0.15;

	static final double SAME_TOPIC = 0.65;

	private Relevance() {
	}

	/** What a paper is compared with, for one query and one run. */
	public record Context(Query query, float[] queryEmbedding, List<Known> library, List<Known> accepted,
			QueryClassifier classifier) {

		public Context {
			library = (library != null) ? library : List.of();
			accepted = (accepted != null) ? accepted : List.of();
		}

	}

	/** The query's terms. */
	public record Query(List<String> keywords, List<String> authors, List<String> categories) {

		/** What the query means, as text to embed. */
		public String text() {
			List<String> parts = new ArrayList<>(this.keywords);
			parts.addAll(this.categories);
			return String.join("; ", parts);
		}

	}

	/** A paper with its embedding: a library paper, or an accepted result. */
	public record Known(UUID id, String title, float[] embedding) {
	}

	/** A paper to score. */
	public record Paper(String title, String text, List<String> authors, List<String> categories, float[] embedding) {
	}

	public record Scored(double score, Explanation explanation) {
	}

	public static Scored score(Paper paper, Context context) {
		List<String> matched = new ArrayList<>();
		double lexical = lexical(paper, context.query(), matched);
		double semantic = context.query().text().isBlank() ? lexical
				: scale(cosine(paper.embedding(), context.queryEmbedding()));
		List<Explanation.Similar> nearestLibrary = nearest(paper.embedding(), context.library(), 3);
		Double library = nearestLibrary.isEmpty() ? null : scale(nearestLibrary.get(0).similarity());
		double prior = (library != null)
				? SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical + LIBRARY_WEIGHT * library
				: (SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical) / (SEMANTIC_WEIGHT + LEXICAL_WEIGHT);
		List<Explanation.Similar> nearestAccepted = nearest(paper.embedding(), context.accepted(), 3);
		double score = prior;
		Explanation.Classifier classifier = null;
		if (context.classifier() != null) {
			QueryClassifier model = context.classifier();
			double probability = model.probability(paper.text(), paper.embedding());
			int feedback = model.positives() + model.negatives();
			double weight = Math.min(MAX_CLASSIFIER_WEIGHT, feedback / (feedback + HALF_WEIGHT_AT));
			score = (1 - weight) * prior + weight * probability;
			classifier = new Explanation.Classifier(round(probability), round(weight), model.positives(),
					model.negatives(), model.strongestFeatures(paper.text(), paper.embedding(), 6));
		}
		score = Math.clamp(score, 0.0, 1.0);
		return new Scored(round(score),
				new Explanation(summary(matched, semantic, library, classifier), List.copyOf(matched), round(lexical),
						round(semantic), (library != null) ? round(library) : null, nearestLibrary, nearestAccepted,
						classifier));
	}

	/**
	 * The share of the query's terms the paper holds: a keyword (every word of it) in its
	 * title or abstract, an author among its authors, a category among its categories.
	 */
	static double lexical(Paper paper, Query query, List<String> matched) {
		Set<String> words = new HashSet<>(Terms.of(paper.text()));
		int terms = 0;
		for (String keyword : query.keywords()) {
			List<String> keywordTerms = Terms.of(keyword);
			if (keywordTerms.isEmpty()) {
				continue;
			}
			terms++;
			if (words.containsAll(keywordTerms)) {
				matched.add(keyword);
			}
		}
		for (String author : query.authors()) {
			terms++;
			String surname = surname(author);
			if (paper.authors().stream().anyMatch((name) -> surname(name).equals(surname))) {
				matched.add(author);
			}
		}
		for (String category : query.categories()) {
			terms++;
			if (paper.categories().stream().anyMatch((c) -> c.equalsIgnoreCase(category.strip()))) {
				matched.add(category);
			}
		}
		return (terms == 0) ? 0 : (double) matched.size() / terms;
	}

	static List<Explanation.Similar> nearest(float[] embedding, List<Known> known, int limit) {
		if (embedding == null) {
			return List.of();
		}
		return known.stream()
			.filter((paper) -> paper.embedding() != null)
			.map((paper) -> new Explanation.Similar(paper.id(), paper.title(),
					round(cosine(embedding, paper.embedding()))))
			.sorted(Comparator.comparingDouble(Explanation.Similar::similarity).reversed())
			.limit(limit)
			.toList();
	}

	/** Cosine similarity of two unit vectors (the embedder's). */
	public static double cosine(float[] a, float[] b) {
		if (a == null || b == null || a.length != b.length) {
			return 0;
		}
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	/** A cosine similarity onto 0 (unrelated) to 1 (the same topic). */
	static double scale(double cosine) {
		return Math.clamp((cosine - UNRELATED) / (SAME_TOPIC - UNRELATED), 0.0, 1.0);
	}

	private static String summary(List<String> matched, double semantic, Double library,
			Explanation.Classifier classifier) {
		StringBuilder summary = new StringBuilder();
		summary
			.append(matched.isEmpty() ? "Matches none of the query's terms" : "Matches " + String.join(", ", matched));
		summary.append("; meaning ").append(describe(semantic)).append(" the query's");
		if (library != null) {
			summary.append(", ").append(describe(library)).append(" the library's closest paper");
		}
		if (classifier != null) {
			summary.append("; the classifier trained on ")
				.append(classifier.positives())
				.append(" accepted and ")
				.append(classifier.negatives())
				.append(" rejected papers gives ")
				.append(Math.round(classifier.probability() * 100))
				.append("%");
		}
		return summary.append('.').toString();
	}

	private static String describe(double similarity) {
		if (similarity >= 0.75) {
			return "very close to";
		}
		if (similarity >= 0.4) {
			return "close to";
		}
		if (similarity > 0.1) {
			return "somewhat like";
		}
		return "unlike";
	}

	private static String surname(String name) {
		String[] parts = name.strip().toLowerCase(Locale.ROOT).replace(",", " ").split("\\s+");
		// "Smith, J." and "J. Smith" both name Smith.
		if (name.contains(",")) {
			return parts[0];
		}
		return parts[parts.length - 1];
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
