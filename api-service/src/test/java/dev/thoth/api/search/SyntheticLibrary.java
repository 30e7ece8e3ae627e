package dev.thoth.api.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Chunker;
import dev.thoth.vectorstore.PageText;

/**
 * Paper-like text and embeddings in any amount, for search benchmarks that need far more
 * chunks than the corpus has.
 * <ul>
 * <li>Text: a word bigram model learnt from the real chunks of the corpus papers, walked
 * at random, so that passages have the corpus's vocabulary and its skewed word
 * frequencies (what decides the cost of full-text search), at the chunk length the
 * {@link Chunker} produces (200 to 300 words).</li>
 * <li>Embeddings: the real model embeds a pool of generated passages once; each synthetic
 * chunk gets the unit-length sum of one pool vector, a random share of another and a
 * little noise. Embedding 100,000 chunks with the model would take about 100 minutes on
 * two cores; the exact scan costs the same for any vectors of the same length, and these
 * stay spread like real ones rather than uniform on the sphere.</li>
 * </ul>
 * Seeded: the same seed gives the same library.
 */
final class SyntheticLibrary {

	private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}-]{3,}");

	private static final Set<String> STOPWORDS = Set.of("this", "that", "with", "from", "have", "which", "there",
			"their", "these", "those", "been", "were", "also", "such", "than", "then", "when", "where", "into", "only",
			"more", "most", "some", "each", "other", "what", "will", "would", "about", "they", "them", "does", "being",
			"over", "under", "both", "very", "however", "between");

	private final Random random;

	private final List<String> words = new ArrayList<>();

	private final Map<String, List<String>> next = new HashMap<>();

	/** Content words with their corpus multiplicity, to draw query words from. */
	private final List<String> queryWords = new ArrayList<>();

	SyntheticLibrary(List<String> corpusPassages, long seed) {
		this.random = new Random(seed);
		for (String passage : corpusPassages) {
			String previous = null;
			for (String word : passage.split("\\s+")) {
				if (word.isEmpty()) {
					continue;
				}
				this.words.add(word);
				if (previous != null) {
					this.next.computeIfAbsent(previous, (key) -> new ArrayList<>()).add(word);
				}
				previous = word;
				String bare = word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}-]", "");
				if (WORD.matcher(bare).matches() && !STOPWORDS.contains(bare)) {
					this.queryWords.add(bare);
				}
			}
		}
		if (this.words.size() < 1000) {
			throw new IllegalArgumentException("need a corpus of at least 1000 words");
		}
	}

	/** The chunk texts of the corpus papers, as the real chunker cuts them. */
	static List<String> passagesOf(List<List<PageText>> papers) {
		Chunker chunker = new Chunker();
		List<String> passages = new ArrayList<>();
		for (List<PageText> pages : papers) {
			chunker.chunk(java.util.UUID.randomUUID(), pages).stream().map(Chunk::text).forEach(passages::add);
		}
		return passages;
	}

	/** A passage of 200 to 300 words. */
	String passage() {
		int length = 200 + this.random.nextInt(101);
		StringBuilder text = new StringBuilder();
		String word = this.words.get(this.random.nextInt(this.words.size()));
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(word);
			List<String> followers = this.next.get(word);
			// Restart now and then, as a new sentence or paragraph would.
			word = (followers == null || this.random.nextInt(40) == 0)
					? this.words.get(this.random.nextInt(this.words.size()))
					: followers.get(this.random.nextInt(followers.size()));
		}
		return text.toString();
	}

	/**
	 * {@code count} different queries of two to five content words each, drawn by their
	 * frequency in the corpus (frequent words, the expensive ones for full-text search,
	 * come up as often as they do in text).
	 */
	List<String> queries(int count) {
		Set<String> queries = new LinkedHashSet<>();
		while (queries.size() < count) {
			int length = 2 + this.random.nextInt(4);
			StringBuilder query = new StringBuilder();
			for (int i = 0; i < length; i++) {
				query.append((i == 0) ? "" : " ")
					.append(this.queryWords.get(this.random.nextInt(this.queryWords.size())));
			}
			queries.add(query.toString());
		}
		return new ArrayList<>(queries);
	}

	/** A unit vector near one pool vector, leaning towards another. */
	float[] embedding(List<float[]> pool) {
		float[] first = pool.get(this.random.nextInt(pool.size()));
		float[] second = pool.get(this.random.nextInt(pool.size()));
		float share = this.random.nextFloat() * 0.5f;
		float[] vector = new float[first.length];
		double sum = 0;
		for (int i = 0; i < vector.length; i++) {
			vector[i] = first[i] + share * second[i] + (float) (this.random.nextGaussian() * 0.02);
			sum += vector[i] * vector[i];
		}
		float norm = (float) Math.sqrt(sum);
		for (int i = 0; i < vector.length; i++) {
			vector[i] /= norm;
		}
		return vector;
	}

}
