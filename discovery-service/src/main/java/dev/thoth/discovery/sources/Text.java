package dev.thoth.discovery.sources;

import java.util.regex.Pattern;

/** Plain text from the sources' markup. */
public final class Text {

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	private static final Pattern SPACE = Pattern.compile("\\s+");

	private Text() {
	}

	/** Runs of white space (line breaks in Atom titles) become one space. */
	public static String squash(String text) {
		return SPACE.matcher(text).replaceAll(" ").strip();
	}

	/**
	 * JATS (CrossRef's abstracts: {@code <jats:p>}, {@code <jats:title>},
	 * {@code <jats:italic>} …) or HTML as plain text: sections and paragraphs apart, tags
	 * gone, the few entities XML and HTML share decoded. The leading "Abstract" heading
	 * CrossRef often carries is dropped.
	 */
	public static String fromMarkup(String markup) {
		if (markup == null) {
			return null;
		}
		String spaced = markup.replaceAll("(?i)</?(?:jats:)?(?:p|title|sec|list-item|break)\\b[^>]*>", " ");
		String text = squash(decode(TAG.matcher(spaced).replaceAll("")));
		text = text.replaceFirst("^(?i)abstract[:.]?\\s+", "");
		return text.isEmpty() ? null : text;
	}

	private static final Pattern NUMERIC = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});");

	static String decode(String text) {
		String numeric = NUMERIC.matcher(text).replaceAll((match) -> {
			String code = match.group(1);
			int point = code.startsWith("x") ? Integer.parseInt(code.substring(1), 16) : Integer.parseInt(code);
			return Character.isValidCodePoint(point)
					? java.util.regex.Matcher.quoteReplacement(Character.toString(point)) : "";
		});
		return numeric.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&apos;", "'")
			.replace("&#39;", "'")
			.replace("&nbsp;", " ")
			.replace("&amp;", "&");
	}

}
