package dev.thoth.vectorstore;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Finds a document's running headers, footers and page numbers: lines set at the top or
 * bottom edge of their page that say the same on several pages, digits aside ("Notes 273"
 * on one page, "274 Notes" on the next, "Journal … 10 (2008) 003" on every page). They
 * are page furniture, not text: left in, they split sentences and sections, pass for
 * headings, and come back as passages of their own.
 * <p>
 * The evidence is general, never a rule for one publisher: where the line sits (among the
 * {@value #EDGE_LINES} lines nearest the top or bottom edge, and within {@link #EDGE} of
 * the page height from it), and that the same words stand there on at least two pages. A
 * line of digits and punctuation only is never taken for furniture unless it is a page
 * number ("12", "- 3 -", "iv", "Page 2 of 9"), so a reference's "(1997)." that happens to
 * end two pages stays.
 */
public final class RunningLines {

	/** How far from the top or bottom edge a line may sit, as a share of the height. */
	static final double EDGE = 0.15;

	/** How many lines nearest each edge of a page are looked at. */
	static final int EDGE_LINES = 3;

	/** The words of a line must have this many letters to be compared at all. */
	private static final int MINIMUM_LETTERS = 3;

	private static final Pattern PAGE_NUMBER = Pattern
		.compile("(?:page\\s*)?[-–—(\\[]?\\s*(?:\\d{1,4}|[ivxlc]{1,7})\\s*[-–—)\\]]?(?:\\s*(?:/|of)\\s*\\d{1,4})?");

	private static final String PAGE_NUMBER_KEY = "#page-number";

	private RunningLines() {
	}

	/**
	 * The lines without the running ones, in their order.
	 * @param lines every line of the document
	 * @param page a line's page number
	 * @param text a line's text
	 * @param top how far down its page a line sits, as a share of the page's height (0 at
	 * the top edge, 1 at the bottom)
	 */
	public static <L> List<L> without(List<L> lines, ToIntFunction<L> page, Function<L, String> text,
			ToDoubleFunction<L> top) {
		Set<L> running = find(lines, page, text, top);
		if (running.isEmpty()) {
			return lines;
		}
		List<L> kept = new ArrayList<>(lines.size() - running.size());
		for (L line : lines) {
			if (!running.contains(line)) {
				kept.add(line);
			}
		}
		return kept;
	}

	/** The running lines among {@code lines} (compared by identity of the elements). */
	public static <L> Set<L> find(List<L> lines, ToIntFunction<L> page, Function<L, String> text,
			ToDoubleFunction<L> top) {
		Map<Integer, List<L>> byPage = new LinkedHashMap<>();
		for (L line : lines) {
			byPage.computeIfAbsent(page.applyAsInt(line), (number) -> new ArrayList<>()).add(line);
		}
		if (byPage.size() < 2) {
			return Set.of();
		}
		Map<L, String> candidates = new IdentityHashMap<>();
		Map<String, Set<Integer>> pagesOf = new HashMap<>();
		for (Map.Entry<Integer, List<L>> entry : byPage.entrySet()) {
			List<L> sorted = new ArrayList<>(entry.getValue());
			sorted.sort(Comparator.comparingDouble(top));
			for (int i = 0; i < sorted.size(); i++) {
				L line = sorted.get(i);
				double position = top.applyAsDouble(line);
				boolean nearTop = i < EDGE_LINES && position <= EDGE;
				boolean nearBottom = i >= sorted.size() - EDGE_LINES && position >= 1 - EDGE;
				String key = (nearTop || nearBottom) ? key(text.apply(line)) : null;
				if (key != null) {
					// The top and the bottom are told apart: a title repeated as the
					// header
					// is not the footer's text.
					String placed = (nearTop ? "top:" : "bottom:") + key;
					candidates.put(line, placed);
					pagesOf.computeIfAbsent(placed, (k) -> new HashSet<>()).add(entry.getKey());
				}
			}
		}
		Set<L> running = Collections.newSetFromMap(new IdentityHashMap<>());
		candidates.forEach((line, key) -> {
			if (pagesOf.get(key).size() >= 2) {
				running.add(line);
			}
		});
		return running;
	}

	/**
	 * What a line says with its digits left out, lower case and whitespace collapsed; a
	 * page number's own key; null for a line of too few letters to compare.
	 */
	static String key(String text) {
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC)
			.toLowerCase(Locale.ROOT)
			.replaceAll("\\s+", " ")
			.strip();
		if (PAGE_NUMBER.matcher(normalized).matches()) {
			return PAGE_NUMBER_KEY;
		}
		String words = normalized.replaceAll("\\d+", "").replaceAll("\\s+", " ").strip();
		int letters = 0;
		for (int i = 0; i < words.length(); i++) {
			if (Character.isLetter(words.charAt(i))) {
				letters++;
			}
		}
		return (letters >= MINIMUM_LETTERS) ? words : null;
	}

}
