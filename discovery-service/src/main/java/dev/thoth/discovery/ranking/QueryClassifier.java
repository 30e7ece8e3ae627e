package dev.thoth.discovery.ranking;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * One research query's classifier: logistic regression (liblinear, L2-regularised) over
 * the words of title and abstract (tf-idf) and the paper's embedding, trained on the
 * results the researcher accepted and rejected, as arxiv-sanity-lite does with tf-idf and
 * a linear SVM. Logistic regression gives a probability, which the score can blend in;
 * its word weights say which words pushed a paper up or down.
 */
public final class QueryClassifier {

	static final int MAX_VOCABULARY = 5000;

	/** The classes are weighted against each other: a few rejections weigh like many. */
	private static final double C = 1.0;

	private static final int ACCEPTED = 1;

	private static final int REJECTED = 0;

	static {
		Linear.disableDebugOutput();
	}

	/** A paper the researcher judged. */
	public record Example(String text, float[] embedding, boolean accepted) {
	}

	private final Model model;

	private final List<String> vocabulary;

	private final double[] idf;

	private final Map<String, Integer> index;

	private final int dimensions;

	private final int positives;

	private final int negatives;

	private QueryClassifier(Model model, List<String> vocabulary, double[] idf, int dimensions, int positives,
			int negatives) {
		this.model = model;
		this.vocabulary = List.copyOf(vocabulary);
		this.idf = idf;
		this.dimensions = dimensions;
		this.positives = positives;
		this.negatives = negatives;
		this.index = new HashMap<>();
		for (int i = 0; i < vocabulary.size(); i++) {
			this.index.put(vocabulary.get(i), i);
		}
	}

	/** Whether there is something to learn from: at least one paper of each kind. */
	public static boolean canTrain(List<Example> examples) {
		return examples.stream().anyMatch(Example::accepted) && examples.stream().anyMatch((e) -> !e.accepted());
	}

	public static QueryClassifier train(List<Example> examples) {
		if (!canTrain(examples)) {
			throw new IllegalArgumentException("a classifier needs accepted and rejected papers");
		}
		int dimensions = examples.get(0).embedding().length;
		Map<String, Integer> documentFrequency = new HashMap<>();
		List<List<String>> documents = new ArrayList<>();
		for (Example example : examples) {
			List<String> terms = Terms.of(example.text());
			documents.add(terms);
			terms.stream().distinct().forEach((term) -> documentFrequency.merge(term, 1, Integer::sum));
		}
		List<String> vocabulary = documentFrequency.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(MAX_VOCABULARY)
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		double[] idf = new double[vocabulary.size()];
		for (int i = 0; i < idf.length; i++) {
			idf[i] = Math.log((1.0 + examples.size()) / (1.0 + documentFrequency.get(vocabulary.get(i)))) + 1;
		}
		int positives = (int) examples.stream().filter(Example::accepted).count();
		int negatives = examples.size() - positives;
		QueryClassifier shape = new QueryClassifier(null, vocabulary, idf, dimensions, positives, negatives);
		Problem problem = new Problem();
		problem.l = examples.size();
		problem.n = shape.featureCount();
		problem.bias = -1;
		problem.x = new Feature[examples.size()][];
		problem.y = new double[examples.size()];
		for (int i = 0; i < examples.size(); i++) {
			problem.x[i] = shape.features(documents.get(i), examples.get(i).embedding());
			problem.y[i] = examples.get(i).accepted() ? ACCEPTED : REJECTED;
		}
		Parameter parameter = new Parameter(SolverType.L2R_LR, C, 0.01);
		// Each class weighs as much as the other, however many papers each has.
		parameter.setWeights(new double[] { (double) examples.size() / (2.0 * positives),
				(double) examples.size() / (2.0 * negatives) }, new int[] { ACCEPTED, REJECTED });
		Model model = Linear.train(problem, parameter);
		return new QueryClassifier(model, vocabulary, idf, dimensions, positives, negatives);
	}

	/**
	 * The probability that the researcher accepts a paper with this text and embedding.
	 */
	public double probability(String text, float[] embedding) {
		double[] probabilities = new double[2];
		Linear.predictProbability(this.model, features(Terms.of(text), embedding), probabilities);
		int[] labels = this.model.getLabels();
		return (labels[0] == ACCEPTED) ? probabilities[0] : probabilities[1];
	}

	/**
	 * The features that moved this paper's probability most, strongest first: words, and
	 * the embedding as a whole.
	 */
	public List<Explanation.Feature> strongestFeatures(String text, float[] embedding, int limit) {
		double[] weights = this.model.getFeatureWeights();
		double sign = (this.model.getLabels()[0] == ACCEPTED) ? 1 : -1;
		Map<String, Double> contributions = new LinkedHashMap<>();
		double meaning = 0;
		for (Feature feature : features(Terms.of(text), embedding)) {
			int at = feature.getIndex() - 1;
			double contribution = sign * weights[at] * feature.getValue();
			int term = at - 1;
			if (term >= 0 && term < this.vocabulary.size()) {
				contributions.put(this.vocabulary.get(term), contribution);
			}
			else if (term >= this.vocabulary.size()) {
				meaning += contribution;
			}
		}
		contributions.put("embedding", meaning);
		return contributions.entrySet()
			.stream()
			.filter((entry) -> Math.abs(entry.getValue()) > 1e-4)
			.sorted(Comparator.comparingDouble((Map.Entry<String, Double> entry) -> -Math.abs(entry.getValue())))
			.limit(limit)
			.map((entry) -> new Explanation.Feature(entry.getKey(), round(entry.getValue())))
			.toList();
	}

	public int positives() {
		return this.positives;
	}

	public int negatives() {
		return this.negatives;
	}

	/** The model as liblinear writes it. */
	public byte[] model() {
		StringWriter out = new StringWriter();
		try {
			this.model.save(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The vocabulary with each word's idf, as stored beside the model ("word idf"). */
	public List<String> vocabulary() {
		List<String> entries = new ArrayList<>(this.vocabulary.size());
		for (int i = 0; i < this.vocabulary.size(); i++) {
			entries.add(this.vocabulary.get(i) + " " + this.idf[i]);
		}
		return entries;
	}

	public static QueryClassifier restore(byte[] model, List<String> vocabulary, int dimensions, int positives,
			int negatives) {
		List<String> words = new ArrayList<>(vocabulary.size());
		double[] idf = new double[vocabulary.size()];
		for (int i = 0; i < vocabulary.size(); i++) {
			String entry = vocabulary.get(i);
			int space = entry.lastIndexOf(' ');
			words.add(entry.substring(0, space));
			idf[i] = Double.parseDouble(entry.substring(space + 1));
		}
		try {
			return new QueryClassifier(Model.load(new StringReader(new String(model, StandardCharsets.UTF_8))), words,
					idf, dimensions, positives, negatives);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private int featureCount() {
		return 1 + this.vocabulary.size() + this.dimensions;
	}

	/**
	 * A constant (the intercept), then the words' tf-idf (unit length), then the
	 * embedding; indices from 1, ascending, as liblinear wants them.
	 */
	private Feature[] features(List<String> terms, float[] embedding) {
		Map<Integer, Integer> counts = new HashMap<>();
		for (String term : terms) {
			Integer at = this.index.get(term);
			if (at != null) {
				counts.merge(at, 1, Integer::sum);
			}
		}
		List<Integer> present = new ArrayList<>(counts.keySet());
		present.sort(null);
		double[] values = new double[present.size()];
		double norm = 0;
		for (int i = 0; i < present.size(); i++) {
			values[i] = Math.log1p(counts.get(present.get(i))) * this.idf[present.get(i)];
			norm += values[i] * values[i];
		}
		norm = Math.sqrt(norm);
		List<Feature> features = new ArrayList<>(1 + present.size() + this.dimensions);
		features.add(new FeatureNode(1, 1.0));
		for (int i = 0; i < present.size(); i++) {
			features.add(new FeatureNode(2 + present.get(i), (norm > 0) ? values[i] / norm : 0));
		}
		int offset = 2 + this.vocabulary.size();
		for (int d = 0; d < this.dimensions && d < embedding.length; d++) {
			features.add(new FeatureNode(offset + d, embedding[d]));
		}
		return features.toArray(new Feature[0]);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
