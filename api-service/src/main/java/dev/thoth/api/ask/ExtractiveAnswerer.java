package dev.thoth.api.ask;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.thoth.vectorstore.Embedder;

/**
 * The offline answerer: picks the sentences of the retrieved passages that best answer
 * the question, by meaning (embedding similarity) and by shared words, and cites each.
 * When no sentence comes close enough, the library does not contain the answer, and it
 * says so instead of quoting something loosely related.
 */
class ExtractiveAnswerer implements Answerer {

	/** Below this similarity to the question, a sentence does not answer it. */
	static final double MIN_SIMILARITY = 0.42;

	private static final int MAX_SENTENCES = 3;

	/** Sentences scoring below this share of the best one are left out. */
	private static final double KEEP_RATIO = 0.8;

	private static final int MIN_WORDS = 5;

	private static final int MAX_WORDS = 90;

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "in", "on", "for", "to", "and", "or",
			"is", "are", "was", "were", "be", "by", "with", "what", "which", "who", "how", "why", "when", "where",
			"does", "do", "did", "it", "its", "this", "that", "these", "those", "as", "at", "from", "can", "their",
			"there", "they", "we", "our", "paper", "papers");

	private final Embedder embedder;

	ExtractiveAnswerer(Embedder embedder) {
		this.embedder = embedder;
	}

	@Override
	public String name() {
		return "extractive";
	}

	@Override
	public Draft answer(String question, List<Passage> passages, Consumer<String> tokens) {
		List<Candidate> candidates = new ArrayList<>();
		for (Passage passage : passages) {
			for (String sentence : sentences(passage.hit().text())) {
				candidates.add(new Candidate(passage.n(), sentence));
			}
		}
		if (candidates.isEmpty()) {
			return Draft.notInLibrary();
		}
		float[] asked = this.embedder.embed(question);
		List<float[]> vectors = this.embedder
			.embed(candidates.stream().map((candidate) -> candidate.sentence).toList());
		Set<String> questionWords = contentWords(question);
		for (int i = 0; i < candidates.size(); i++) {
			Candidate candidate = candidates.get(i);
			candidate.similarity = cosine(asked, vectors.get(i));
			candidate.score = candidate.similarity + 0.3 * overlap(questionWords, contentWords(candidate.sentence));
		}
		candidates.sort(Comparator.comparingDouble((Candidate candidate) -> candidate.score).reversed());
		Candidate best = candidates.getFirst();
		if (best.similarity < MIN_SIMILARITY) {
			return Draft.notInLibrary();
		}
		List<Candidate> chosen = new ArrayList<>();
		for (Candidate candidate : candidates) {
			if (chosen.size() == MAX_SENTENCES || candidate.score < best.score * KEEP_RATIO) {
				break;
			}
			if (candidate.similarity >= MIN_SIMILARITY
					&& chosen.stream().noneMatch((taken) -> taken.sentence.equals(candidate.sentence))) {
				chosen.add(candidate);
			}
		}
		StringBuilder text = new StringBuilder();
		Map<Integer, String> quotes = new LinkedHashMap<>();
		for (Candidate candidate : chosen) {
			String piece = ((text.length() > 0) ? " " : "") + candidate.sentence + " [" + candidate.n + "]";
			text.append(piece);
			quotes.merge(candidate.n, candidate.sentence, (first, more) -> first + " … " + more);
			for (String word : piece.split("(?<= )")) {
				tokens.accept(word);
			}
		}
		return new Draft(text.toString(), quotes);
	}

	static List<String> sentences(String text) {
		List<String> sentences = new ArrayList<>();
		String flat = text.replaceAll("\\s+", " ").strip();
		BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
		breaks.setText(flat);
		int start = breaks.first();
		for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
			String sentence = flat.substring(start, end).strip();
			int words = sentence.split(" ").length;
			if (words >= MIN_WORDS && words <= MAX_WORDS) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	/**
	 * Lower-cased words without stop words, cut to a crude stem so "plants" meets
	 * "plant".
	 */
	static Set<String> contentWords(String text) {
		Set<String> words = new HashSet<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() > 1 && !STOP_WORDS.contains(word)) {
				words.add(word.substring(0, Math.min(word.length(), 6)));
			}
		}
		return words;
	}

	private static double overlap(Set<String> question, Set<String> sentence) {
		if (question.isEmpty()) {
			return 0;
		}
		return question.stream().filter(sentence::contains).count() / (double) question.size();
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return (normA == 0 || normB == 0) ? 0 : dot / Math.sqrt(normA * normB);
	}

	private static final class Candidate {

		final int n;

		final String sentence;

		double similarity;

		double score;

		Candidate(int n, String sentence) {
			this.n = n;
			this.sentence = sentence;
		}

	}

}
