package dev.thoth.api.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled query set ({@code retrieval/queries.json}) and how a ranking is scored
 * against it.
 * <p>
 * Relevance is binary and belongs to answers, not chunks: a query has one or more answers
 * (a passage on a page of a paper), and a chunk is relevant to an answer when it is a
 * chunk of that paper, starts on the answer's page or at most two pages before it (a
 * chunk keeps only the page where it starts, and runs on for up to 300 words), and
 * contains the answer's passage once both are {@linkplain #normalized normalized}. Two
 * chunks can hold the same passage (chunks overlap by 40 words); finding either finds the
 * answer.
 * <ul>
 * <li>recall@10: the share of the query's answers that some chunk of the top 10 holds.
 * </li>
 * <li>nDCG@10: walking down the top 10, a chunk gains the number of answers it is the
 * first to hold (so a second chunk with an already found answer gains nothing), with the
 * usual {@code 1 / log2(rank + 1)} discount; divided by the same sum for the ideal
 * ranking, which puts first the chunk that holds the most answers not yet held, and so
 * on.</li>
 * <li>reciprocal rank: {@code 1 / rank} of the first relevant chunk, 0 when none is in
 * the top 10.</li>
 * </ul>
 */
final class RetrievalQuality {

	static final int DEPTH = 10;

	private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^a-z0-9]");

	private static final Pattern MARKS = Pattern.compile("\\p{M}");

	/** How far before an answer's page a chunk that holds it may start. */
	static final int PAGES_BEFORE = 2;

	private RetrievalQuality() {
	}

	record Answer(String file, int page, String passage) {
	}

	record Query(String id, String kind, String split, String text, List<Answer> answers) {
	}

	/** A stored chunk, as the benchmark knows it. */
	record StoredChunk(UUID id, String file, int page, String text, String normalized) {
	}

	/** The score of one ranking for one query. */
	record Score(double ndcg, double recall, double reciprocalRank, int firstRelevantRank) {
	}

	static List<Query> queries() {
		try (InputStream in = RetrievalQuality.class.getResourceAsStream("/retrieval/queries.json")) {
			if (in == null) {
				throw new IllegalStateException("retrieval/queries.json is not on the test class path");
			}
			JsonNode root = JsonMapper.builder().build().readTree(in);
			List<Query> queries = new ArrayList<>();
			Set<String> ids = new HashSet<>();
			for (JsonNode query : root.get("queries")) {
				List<Answer> answers = new ArrayList<>();
				for (JsonNode answer : query.get("answers")) {
					answers.add(new Answer(answer.get("file").asString(), answer.get("page").asInt(),
							answer.get("passage").asString()));
				}
				Query parsed = new Query(query.get("id").asString(), query.get("kind").asString(),
						query.get("split").asString(), query.get("query").asString(), List.copyOf(answers));
				if (!ids.add(parsed.id()) || answers.isEmpty() || !Set.of("exact", "paraphrase").contains(parsed.kind())
						|| !Set.of("dev", "test").contains(parsed.split())) {
					throw new IllegalStateException("bad query in retrieval/queries.json: " + parsed);
				}
				queries.add(parsed);
			}
			return List.copyOf(queries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Lower-case letters and digits only: compatibility-decomposed (ligatures become
	 * letters), accents and every other mark, punctuation and space dropped, so that
	 * extraction details (hyphenation, quotes, dashes, spacing) do not decide a match.
	 */
	static String normalized(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replace('\u0131', 'i');
		String bare = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
		return NOT_LETTER_OR_DIGIT.matcher(bare).replaceAll("");
	}

	static boolean holds(StoredChunk chunk, Answer answer) {
		return chunk.file().equals(answer.file()) && chunk.page() <= answer.page()
				&& chunk.page() >= answer.page() - PAGES_BEFORE
				&& chunk.normalized().contains(normalized(answer.passage()));
	}

	/** The chunks that hold each answer of the query, in the answers' order. */
	static List<Set<UUID>> relevant(Query query, List<StoredChunk> chunks) {
		List<Set<UUID>> relevant = new ArrayList<>();
		for (Answer answer : query.answers()) {
			Set<UUID> holding = new LinkedHashSet<>();
			for (StoredChunk chunk : chunks) {
				if (holds(chunk, answer)) {
					holding.add(chunk.id());
				}
			}
			relevant.add(holding);
		}
		return relevant;
	}

	static Score score(List<UUID> ranking, List<Set<UUID>> relevant) {
		List<UUID> top = ranking.subList(0, Math.min(DEPTH, ranking.size()));
		boolean[] found = new boolean[relevant.size()];
		double dcg = 0;
		int first = 0;
		for (int rank = 1; rank <= top.size(); rank++) {
			UUID chunk = top.get(rank - 1);
			int gain = 0;
			boolean relevantHere = false;
			for (int a = 0; a < relevant.size(); a++) {
				if (relevant.get(a).contains(chunk)) {
					relevantHere = true;
					if (!found[a]) {
						found[a] = true;
						gain++;
					}
				}
			}
			if (relevantHere && first == 0) {
				first = rank;
			}
			dcg += gain / log2(rank + 1);
		}
		int recalled = 0;
		for (boolean f : found) {
			recalled += f ? 1 : 0;
		}
		double ideal = idealDcg(relevant);
		double ndcg = (ideal == 0) ? 0 : dcg / ideal;
		if (ndcg > 1 + 1e-9) {
			throw new IllegalStateException("nDCG above 1: the ideal ranking is not ideal");
		}
		return new Score(ndcg, (double) recalled / relevant.size(), (first == 0) ? 0 : 1.0 / first, first);
	}

	/** Greedy: each next chunk holds the most answers that no earlier one holds. */
	static double idealDcg(List<Set<UUID>> relevant) {
		Set<UUID> candidates = new LinkedHashSet<>();
		relevant.forEach(candidates::addAll);
		boolean[] covered = new boolean[relevant.size()];
		double ideal = 0;
		for (int rank = 1; rank <= DEPTH; rank++) {
			UUID best = null;
			int bestGain = 0;
			for (UUID candidate : candidates) {
				int gain = 0;
				for (int a = 0; a < relevant.size(); a++) {
					if (!covered[a] && relevant.get(a).contains(candidate)) {
						gain++;
					}
				}
				if (gain > bestGain) {
					best = candidate;
					bestGain = gain;
				}
			}
			if (best == null) {
				break;
			}
			for (int a = 0; a < relevant.size(); a++) {
				covered[a] |= relevant.get(a).contains(best);
			}
			candidates.remove(best);
			ideal += bestGain / log2(rank + 1);
		}
		return ideal;
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

}
