package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A search as the user wrote it, in Thoth's small query language:
 * <ul>
 * <li>words, any of which may match (more matches rank higher);</li>
 * <li>{@code "a phrase"} in straight or curly double quotes: those words in that order (a
 * quote left open runs to the end);</li>
 * <li>{@code -word}, {@code -"a phrase"}: passages holding it are left out;</li>
 * <li>{@code title:word}, {@code title:"a phrase"}: only papers whose title holds it;
 * {@code author:name}, {@code author:"ada lovelace"}: only papers with such an author;
 * {@code year:2019}, {@code year:2019..2021}, {@code year:2019..}, {@code year:..2021}:
 * only papers of those years.</li>
 * </ul>
 * Anything else is plain text: a colon after another word ({@code 3:1}, {@code http:}) is
 * just text, and punctuation is dropped by the analyzer. Written by hand rather than with
 * Lucene's query parsers: their syntax (wildcards, regular expressions, fuzzy terms,
 * boosts, any field) would let a query cost what the user wants it to, and their errors
 * do not tell a researcher what to write instead.
 *
 * @param terms the words and phrases to rank by, in the order written
 * @param excluded words and phrases whose passages are left out
 * @param titles words or phrases each paper's title must hold
 * @param authors names or parts of names one of each paper's authors must hold
 * @param yearFrom first year allowed, or null
 * @param yearTo last year allowed, or null
 */
public record SearchQuery(List<Term> terms, List<String> excluded, List<String> titles, List<String> authors,
		Integer yearFrom, Integer yearTo) {

	/** A query of at most this many characters is accepted by the API. */
	public static final int MAX_LENGTH = 1000;

	private static final Pattern YEAR = Pattern.compile("(\\d{1,4})?(\\.\\.)?(\\d{1,4})?");

	private static final Pattern FIELD = Pattern.compile("(?i)(title|author|year):");

	public SearchQuery {
		terms = List.copyOf(terms);
		excluded = List.copyOf(excluded);
		titles = List.copyOf(titles);
		authors = List.copyOf(authors);
	}

	/** Every word of the text searched for, without any syntax. */
	public static SearchQuery plain(String text) {
		List<Term> terms = new ArrayList<>();
		if (text != null) {
			for (String word : text.split("\\s+")) {
				if (!word.isEmpty()) {
					terms.add(new Term(word, false));
				}
			}
		}
		return new SearchQuery(terms, List.of(), List.of(), List.of(), null, null);
	}

	/**
	 * Parses the query language.
	 * @throws InvalidSearchQueryException saying what is wrong
	 */
	public static SearchQuery parse(String text) {
		return new Parser(text).parse();
	}

	/** The words and phrases to rank by, as one text (what semantic search embeds). */
	public String meaning() {
		return this.terms.stream().map(Term::text).collect(Collectors.joining(" "));
	}

	/** True when the query has words or phrases to rank by. */
	public boolean hasTerms() {
		return !this.terms.isEmpty();
	}

	/** The words (not phrases) to rank by. */
	public List<String> words() {
		return this.terms.stream().filter((term) -> !term.phrase()).map(Term::text).toList();
	}

	/** The phrases to rank by. */
	public List<String> phrases() {
		return this.terms.stream().filter(Term::phrase).map(Term::text).toList();
	}

	/** A word, or a phrase that was in quotes. */
	public record Term(String text, boolean phrase) {
	}

	private static final class Parser {

		private final String text;

		private int at;

		private final List<Term> terms = new ArrayList<>();

		private final List<String> excluded = new ArrayList<>();

		private final List<String> titles = new ArrayList<>();

		private final List<String> authors = new ArrayList<>();

		private Integer yearFrom;

		private Integer yearTo;

		private boolean yearGiven;

		Parser(String text) {
			this.text = (text != null) ? text : "";
		}

		SearchQuery parse() {
			while (skipBlanks()) {
				boolean negated = false;
				if (peek() == '-' && this.at + 1 < this.text.length()
						&& !Character.isWhitespace(this.text.charAt(this.at + 1))) {
					negated = true;
					this.at++;
				}
				Matcher field = FIELD.matcher(this.text).region(this.at, this.text.length());
				if (field.lookingAt()) {
					String name = field.group(1).toLowerCase(Locale.ROOT);
					this.at = field.end();
					field(name, negated);
					continue;
				}
				Term term = value();
				if (term.text().isBlank()
						|| (negated && !term.text().codePoints().anyMatch(Character::isLetterOrDigit))) {
					continue; // "--" excludes nothing
				}
				if (negated) {
					this.excluded.add(term.text());
				}
				else {
					this.terms.add(term);
				}
			}
			if (this.terms.isEmpty() && (!this.excluded.isEmpty() || !this.titles.isEmpty() || !this.authors.isEmpty()
					|| this.yearGiven)) {
				throw new InvalidSearchQueryException(
						"holds only filters (title:, author:, year:) or excluded words (-word); add words to search for");
			}
			return new SearchQuery(this.terms, this.excluded, this.titles, this.authors, this.yearFrom, this.yearTo);
		}

		private void field(String name, boolean negated) {
			if (this.at >= this.text.length() || Character.isWhitespace(peek())) {
				throw new InvalidSearchQueryException(
						name + ": needs a value right after the colon, such as " + example(name));
			}
			if (negated) {
				throw new InvalidSearchQueryException("-" + name + ": a field cannot be excluded; only words and "
						+ "phrases can (-word, -\"a phrase\")");
			}
			Term value = value();
			if (value.text().isBlank()) {
				throw new InvalidSearchQueryException(
						name + ": needs a value right after the colon, such as " + example(name));
			}
			switch (name) {
				case "title" -> this.titles.add(value.text());
				case "author" -> this.authors.add(value.text());
				default -> year(value.text());
			}
		}

		private void year(String value) {
			if (this.yearGiven) {
				throw new InvalidSearchQueryException("year: may be given once; use a range such as year:2019..2021");
			}
			Matcher matcher = YEAR.matcher(value.strip());
			if (!matcher.matches() || (matcher.group(1) == null && matcher.group(3) == null)
					|| (matcher.group(2) == null && matcher.group(3) != null)) {
				throw new InvalidSearchQueryException("year: '" + value
						+ "' is not a year or a range of years; write year:2019, year:2019..2021, year:2019.. or year:..2021");
			}
			Integer from = (matcher.group(1) != null) ? Integer.valueOf(matcher.group(1)) : null;
			Integer to = (matcher.group(3) != null) ? Integer.valueOf(matcher.group(3)) : null;
			if (matcher.group(2) == null) {
				to = from;
			}
			if (from != null && to != null && from > to) {
				throw new InvalidSearchQueryException(
						"year: the range " + value + " ends before it starts; write year:" + to + ".." + from);
			}
			this.yearGiven = true;
			this.yearFrom = from;
			this.yearTo = to;
		}

		/** A quoted phrase (to its closing quote or the end) or a word (to a blank). */
		private Term value() {
			if (isQuote(peek())) {
				this.at++;
				int start = this.at;
				while (this.at < this.text.length() && !isQuote(this.text.charAt(this.at))) {
					this.at++;
				}
				String phrase = this.text.substring(start, this.at).strip();
				if (this.at < this.text.length()) {
					this.at++;
				}
				return new Term(phrase, true);
			}
			int start = this.at;
			while (this.at < this.text.length() && !Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
			return new Term(this.text.substring(start, this.at), false);
		}

		private boolean skipBlanks() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
			return this.at < this.text.length();
		}

		private char peek() {
			return (this.at < this.text.length()) ? this.text.charAt(this.at) : '\0';
		}

		private static boolean isQuote(char c) {
			return c == '"' || c == '\u201C' || c == '\u201D';
		}

		private static String example(String field) {
			return switch (field) {
				case "title" -> "title:attention or title:\"attention is all you need\"";
				case "author" -> "author:lovelace or author:\"ada lovelace\"";
				default -> "year:2019 or year:2019..2021";
			};
		}

	}

}
