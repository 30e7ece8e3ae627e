package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a paper's pages into section-aware chunks: about {@link #targetWords} words each
 * (never more than {@link #maxWords}), ending at a sentence boundary where one is near,
 * overlapping the previous chunk by {@link #overlapWords} words, and never crossing a
 * section heading. Each chunk keeps the page where it starts.
 * <p>
 * A section shorter than {@link #minWords} words (a caption or a stray line taken for a
 * heading, a three-line acknowledgement) is no passage of its own: it joins the section
 * before it, its heading line kept as text, or the one after it when it comes first. A
 * paper's text shorter than that stays one chunk.
 * <p>
 * Headings are recognised line by line: numbered ("1 Introduction", "2.3. Related Work",
 * "IV. RESULTS"), well-known unnumbered ones ("Abstract", "References",
 * "Acknowledgements", …) and short ALL-CAPS lines ("RELATED WORK").
 */
public class Chunker {

	/** The section of the text before the first heading. */
	public static final String FRONT_MATTER = "Front matter";

	/** Sections shorter than this join a neighbour, by default. */
	public static final int MINIMUM_WORDS = 40;

	private static final Set<String> KNOWN_HEADINGS = Set.of("abstract", "introduction", "background", "related work",
			"related works", "prior work", "method", "methods", "methodology", "approach", "experiments",
			"experimental setup", "evaluation", "results", "discussion", "conclusion", "conclusions",
			"conclusion and future work", "conclusions and future work", "future work", "limitations",
			"acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment", "references", "bibliography",
			"appendix", "appendices", "supplementary material", "keywords", "index terms");

	/**
	 * "1 Introduction", "2. Related Work", "3.1 Data sets", "IV. RESULTS", "A Proofs".
	 */
	private static final Pattern NUMBERED = Pattern
		.compile("^((?:\\d{1,2}(?:\\.\\d{1,2}){0,3}\\.?)|(?:[IVX]{1,5}\\.)|(?:[A-H]\\.?))\\s+(\\p{Lu}[^.!?;]{1,80})$");

	private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?][\"')\\]]?$");

	private final int targetWords;

	private final int maxWords;

	private final int overlapWords;

	private final int minWords;

	public Chunker() {
		this(250, 300, 40, MINIMUM_WORDS);
	}

	/**
	 * @param targetWords the length a chunk aims at
	 * @param maxWords the length no chunk exceeds
	 * @param overlapWords how many words a chunk repeats of the one before it
	 * @param minWords sections shorter than this join a neighbour (0: none do)
	 */
	public Chunker(int targetWords, int maxWords, int overlapWords, int minWords) {
		if (targetWords < 1 || maxWords < targetWords || overlapWords < 0 || overlapWords >= targetWords / 2 + 1
				|| minWords < 0 || minWords > targetWords) {
			throw new IllegalArgumentException(
					"need 1 <= target <= max, 0 <= overlap <= target/2 and 0 <= minimum <= target");
		}
		this.targetWords = targetWords;
		this.maxWords = maxWords;
		this.overlapWords = overlapWords;
		this.minWords = minWords;
	}

	/** The chunks of a paper, in reading order, positions from 0. */
	public List<Chunk> chunk(UUID paperId, List<PageText> pages) {
		Objects.requireNonNull(paperId, "paperId");
		List<Section> sections = withoutFragments(sections(pages));
		List<Chunk> chunks = new ArrayList<>();
		for (Section section : sections) {
			for (int[] range : ranges(section.words)) {
				StringBuilder text = new StringBuilder();
				for (int i = range[0]; i < range[1]; i++) {
					if (!text.isEmpty()) {
						text.append(' ');
					}
					text.append(section.words.get(i).text);
				}
				int position = chunks.size();
				chunks.add(new Chunk(Chunk.idFor(paperId, position), paperId, position,
						section.words.get(range[0]).page, section.name, text.toString()));
			}
		}
		return chunks;
	}

	/** [start, end) word ranges of the chunks of one section. */
	private List<int[]> ranges(List<Word> words) {
		List<int[]> ranges = new ArrayList<>();
		int size = words.size();
		int start = 0;
		while (start < size) {
			int remaining = size - start;
			int end;
			if (remaining <= this.maxWords) {
				end = size;
			}
			else {
				end = sentenceEnd(words, start);
				// Do not leave a tail too short to stand on its own.
				if (size - end < this.targetWords / 4) {
					end = size;
				}
			}
			ranges.add(new int[] { start, end });
			if (end >= size) {
				break;
			}
			start = Math.max(end - this.overlapWords, start + 1);
		}
		return ranges;
	}

	/**
	 * Where a chunk starting at {@code start} should end: after the sentence end nearest
	 * the target, between 80% of the target and the maximum; else at the target.
	 */
	private int sentenceEnd(List<Word> words, int start) {
		int min = start + Math.max(1, this.targetWords * 4 / 5);
		int max = Math.min(words.size(), start + this.maxWords);
		int target = start + this.targetWords;
		int best = -1;
		for (int end = min; end <= max; end++) {
			if (SENTENCE_END.matcher(words.get(end - 1).text).matches()
					&& (best == -1 || Math.abs(end - target) < Math.abs(best - target))) {
				best = end;
			}
		}
		return (best != -1) ? best : Math.min(target, max);
	}

	private List<Section> sections(List<PageText> pages) {
		List<Section> sections = new ArrayList<>();
		Section current = new Section(FRONT_MATTER);
		sections.add(current);
		for (PageText page : pages) {
			if (page.text() == null) {
				continue;
			}
			List<String> lines = joinHyphenated(page.text().lines().map(String::strip).toList());
			for (String line : lines) {
				if (line.isEmpty()) {
					continue;
				}
				String heading = heading(line);
				if (heading != null) {
					current = new Section(heading, words(line, page.page()));
					sections.add(current);
					continue;
				}
				current.words.addAll(words(line, page.page()));
			}
		}
		sections.removeIf((section) -> section.words.isEmpty());
		return sections;
	}

	private static List<Word> words(String line, int page) {
		List<Word> words = new ArrayList<>();
		for (String word : line.split("\\s+")) {
			if (!word.isEmpty()) {
				words.add(new Word(word, page));
			}
		}
		return words;
	}

	/**
	 * The sections with those shorter than {@link #minWords} joined to a neighbour: to
	 * the one before, or, for the first, to the one after.
	 */
	private List<Section> withoutFragments(List<Section> sections) {
		List<Section> kept = new ArrayList<>();
		Section carried = null;
		for (Section section : sections) {
			if (carried != null) {
				section.prepend(carried);
				carried = null;
			}
			if (section.words.size() >= this.minWords) {
				kept.add(section);
			}
			else if (!kept.isEmpty()) {
				kept.getLast().append(section);
			}
			else {
				carried = section;
			}
		}
		if (carried != null) {
			// Too short on its own and nothing to join: the whole text is one chunk.
			kept.add(carried);
		}
		return kept;
	}

	/**
	 * Joins words hyphenated across a line break: "embed-" + "dings are" → "embeddings
	 * are".
	 */
	private static List<String> joinHyphenated(List<String> lines) {
		List<String> result = new ArrayList<>(lines.size());
		String carry = "";
		for (String line : lines) {
			String joined = carry + line;
			carry = "";
			if (joined.length() > 2 && joined.endsWith("-") && Character.isLetter(joined.charAt(joined.length() - 2))) {
				int lastSpace = joined.lastIndexOf(' ');
				String fragment = joined.substring(lastSpace + 1, joined.length() - 1);
				if (fragment.length() >= 2) {
					carry = fragment;
					joined = joined.substring(0, lastSpace + 1).strip();
				}
			}
			result.add(joined);
		}
		if (!carry.isEmpty()) {
			result.add(carry);
		}
		return result;
	}

	/** The heading a line is, normalised, or null when it is body text. */
	static String heading(String line) {
		String text = line.strip();
		if (text.length() < 3 || text.length() > 90) {
			return null;
		}
		String bare = text.endsWith(":") ? text.substring(0, text.length() - 1).strip() : text;
		if (KNOWN_HEADINGS.contains(bare.toLowerCase(Locale.ROOT))) {
			return capitalised(bare);
		}
		Matcher numbered = NUMBERED.matcher(bare);
		if (numbered.matches()) {
			String title = numbered.group(2).strip();
			String number = numbered.group(1);
			boolean letterNumber = Character.isLetter(number.charAt(0)) && !number.matches("[IVX]+\\.");
			if (letterNumber && !isAllCaps(title) && !KNOWN_HEADINGS.contains(title.toLowerCase(Locale.ROOT))) {
				// "A study of ..." is a sentence; an appendix letter needs a heading-like
				// title.
				return null;
			}
			if (looksLikeTitle(title)) {
				return number.replaceAll("\\.$", "") + " " + (isAllCaps(title) ? capitalised(title) : title);
			}
			return null;
		}
		if (isAllCaps(bare) && looksLikeTitle(bare) && letters(bare) >= 4) {
			return capitalised(bare);
		}
		return null;
	}

	private static boolean looksLikeTitle(String title) {
		String[] words = title.split("\\s+");
		if (words.length > 8 || letters(title) < 3 || title.contains("://") || title.contains("@")
				|| title.contains("www.")) {
			return false;
		}
		if (words.length > 5 && !isTitleCase(words)) {
			// "1 Code is available at the address below" is a footnote, not a heading.
			return false;
		}
		// Table rows and formulas: mostly digits or symbols.
		return letters(title) * 2 >= title.replace(" ", "").length();
	}

	private static boolean isTitleCase(String[] words) {
		int significant = 0;
		int capitalised = 0;
		for (String word : words) {
			if (word.length() >= 4) {
				significant++;
				if (Character.isUpperCase(word.charAt(0))) {
					capitalised++;
				}
			}
		}
		return capitalised * 3 >= significant * 2;
	}

	private static boolean isAllCaps(String text) {
		boolean upper = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLowerCase(c)) {
				return false;
			}
			upper |= Character.isUpperCase(c);
		}
		return upper;
	}

	private static int letters(String text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isLetter(text.charAt(i))) {
				count++;
			}
		}
		return count;
	}

	/** "RELATED WORK" → "Related Work"; others unchanged. */
	private static String capitalised(String text) {
		if (!isAllCaps(text) && !text.equals(text.toLowerCase(Locale.ROOT))) {
			return text;
		}
		StringBuilder result = new StringBuilder();
		for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
			if (!result.isEmpty()) {
				result.append(' ');
			}
			result.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		return result.toString();
	}

	private record Word(String text, int page) {
	}

	private static final class Section {

		private final String name;

		/**
		 * The words of the heading line as printed ("3.2 Results"): none before the
		 * first.
		 */
		private final List<Word> heading;

		private final List<Word> words = new ArrayList<>();

		Section(String name) {
			this(name, List.of());
		}

		Section(String name, List<Word> heading) {
			this.name = name;
			this.heading = heading;
		}

		/** Takes a following fragment in, its heading line as text. */
		void append(Section fragment) {
			this.words.addAll(fragment.heading);
			this.words.addAll(fragment.words);
		}

		/** Takes a leading fragment in, before its own words. */
		void prepend(Section fragment) {
			List<Word> joined = new ArrayList<>(fragment.heading);
			joined.addAll(fragment.words);
			joined.addAll(this.words);
			this.words.clear();
			this.words.addAll(joined);
		}

	}

}
