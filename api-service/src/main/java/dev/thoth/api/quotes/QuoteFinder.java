package dev.thoth.api.quotes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.clients.api.QuoteMatches;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the pages a quote comes from. PostgreSQL's word index narrows the library to the
 * pages holding the quote's words (all of them, else the most of them); on each, the
 * quote is matched word by word against the page: exactly, or as the longest run of the
 * quote's words in order (a misquote, a dropped word, a line break in the PDF).
 */
@Component
class QuoteFinder {

	/** Longer quotes are matched on their first words; enough to tell pages apart. */
	static final int MAX_WORDS = 60;

	/** Pages compared word by word, at most. */
	private static final int CANDIDATES = 40;

	/** Below this share of the quote's words, a page does not hold the quote. */
	static final double MIN_SIMILARITY = 0.5;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private final JdbcClient jdbc;

	QuoteFinder(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A word of a text and where it is printed. */
	record Word(String text, int start, int end) {
	}

	private record Candidate(UUID paperId, String title, int page, String text) {
	}

	List<QuoteMatches.Match> find(String quote, int k) {
		List<String> words = words(quote).stream().map(Word::text).limit(MAX_WORDS).toList();
		Map<String, Candidate> candidates = new LinkedHashMap<>();
		String all = String.join(" & ", new LinkedHashSet<>(words));
		String any = String.join(" | ", new LinkedHashSet<>(words));
		for (String query : List.of(all, any)) {
			if (candidates.size() >= CANDIDATES) {
				break;
			}
			// Words are letters and digits only: nothing in them is tsquery syntax.
			this.jdbc
				.sql("""
						select pp.paper_id, p.title, pp.page, pp.text from paper_pages pp join papers p on p.id = pp.paper_id
						where pp.words @@ to_tsquery('simple', :query)
						order by ts_rank_cd(pp.words, to_tsquery('simple', :query)) desc, pp.paper_id, pp.page limit :limit
						""")
				.param("query", query)
				.param("limit", CANDIDATES)
				.query((rs, row) -> new Candidate(rs.getObject("paper_id", UUID.class), rs.getString("title"),
						rs.getInt("page"), rs.getString("text")))
				.list()
				.forEach(
						(candidate) -> candidates.putIfAbsent(candidate.paperId() + ":" + candidate.page(), candidate));
		}
		List<QuoteMatches.Match> matches = new ArrayList<>();
		for (Candidate candidate : candidates.values()) {
			Best best = best(words, words(candidate.text()));
			if (best != null && best.similarity() >= MIN_SIMILARITY) {
				String passage = candidate.text()
					.substring(best.start(), best.end())
					.replaceAll("-\\s*\\n\\s*", "-")
					.replaceAll("\\s+", " ")
					.strip();
				matches.add(new QuoteMatches.Match(candidate.paperId(), candidate.title(), candidate.page(), passage,
						Math.round(best.similarity() * 1000) / 1000.0, best.exact(),
						"/api/v1/papers/" + candidate.paperId() + "/pdf#page=" + candidate.page()));
			}
		}
		matches.sort(Comparator.comparing(QuoteMatches.Match::exact)
			.thenComparingDouble(QuoteMatches.Match::similarity)
			.reversed());
		return matches.subList(0, Math.min(k, matches.size()));
	}

	static List<Word> words(String text) {
		List<Word> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			words.add(new Word(matcher.group().toLowerCase(Locale.ROOT), matcher.start(), matcher.end()));
		}
		return words;
	}

	/** The best place on the page for the quote: its similarity and its span. */
	record Best(double similarity, boolean exact, int start, int end) {
	}

	/**
	 * Compares the quote with the windows of the page that start where one of the quote's
	 * first words is printed: the share of the quote's words found in order (longest
	 * common subsequence) in a window a little longer than the quote.
	 */
	static Best best(List<String> quote, List<Word> page) {
		int n = quote.size();
		if (n == 0 || page.isEmpty()) {
			return null;
		}
		Set<String> openings = new LinkedHashSet<>(quote.subList(0, Math.min(3, n)));
		Best best = null;
		int span = n + Math.max(2, n / 4);
		for (int i = 0; i < page.size(); i++) {
			if (!openings.contains(page.get(i).text())) {
				continue;
			}
			int to = Math.min(page.size(), i + span);
			int[] found = commonSubsequence(quote, page, i, to);
			double similarity = (double) found[0] / n;
			boolean exact = found[0] == n && found[2] - i + 1 == n;
			if (best == null || similarity > best.similarity() || (exact && !best.exact())) {
				best = new Best(similarity, exact, page.get(i).start(), page.get(Math.max(i, found[2])).end());
			}
			if (exact) {
				break;
			}
		}
		return best;
	}

	/** Length of the longest common subsequence, and the page index where it ends. */
	private static int[] commonSubsequence(List<String> quote, List<Word> page, int from, int to) {
		int m = to - from;
		int[][] lengths = new int[quote.size() + 1][m + 1];
		for (int a = 1; a <= quote.size(); a++) {
			for (int b = 1; b <= m; b++) {
				lengths[a][b] = quote.get(a - 1).equals(page.get(from + b - 1).text()) ? lengths[a - 1][b - 1] + 1
						: Math.max(lengths[a - 1][b], lengths[a][b - 1]);
			}
		}
		int length = lengths[quote.size()][m];
		int end = from;
		for (int b = 1; b <= m; b++) {
			if (lengths[quote.size()][b] == length) {
				end = from + b - 1;
				break;
			}
		}
		return new int[] { length, 0, end };
	}

}
