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
 * Headings are recognised line by line: numbered ("1 Introduction", "2.3. Related Work",
 * "IV. RESULTS"), well-known unnumbered ones ("Abstract", "References",
 * "Acknowledgements", …) and short ALL-CAPS lines ("RELATED WORK").
 */
public class Chunker {

	/** The section of the text before the first heading. */
	public static final String FRONT_MATTER = "Front matter";

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

	public Chunker() {
		this(250, 300, 40);
	}

	public Chunker(int targetWords, int maxWords, int overlapWords) {
		if (targetWords < 1 || maxWords < targetWords || overlapWords < 0 || overlapWords >= targetWords / 2 + 1) {
			throw new IllegalArgumentException("need 1 <= target <= max and 0 <= overlap <= target/2");
		}
		this.targetWords = targetWords;
		this.maxWords = maxWords;
		this.overlapWords = overlapWords;
	}

	/** The chunks of a paper, in reading order, positions from 0. */
	public List<Chunk> chunk(UUID paperId, List<PageText> pages) {
		Objects.requireNonNull(paperId, "paperId");
		List<Section> sections = sections(pages);
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
					current = new Section(heading);
					sections.add(current);
					continue;
				}
				for (String word : line.split("\\s+")) {
					if (!word.isEmpty()) {
						current.words.add(new Word(word, page.page()));
					}
				}
			}
		}
		sections.removeIf((section) -> section.words.isEmpty());
		return sections;
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

		private final List<Word> words = new ArrayList<>();

		Section(String name) {
			this.name = name;
		}

	}

}
