package dev.thoth.platform.input;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for text that clients send, in query parameters and JSON strings alike: no
 * control characters (NUL among them, which PostgreSQL refuses in text) and no unpaired
 * UTF-16 surrogates (which have no UTF-8 form). Line breaks and tabs are allowed in JSON
 * strings, where they are text (an abstract, a note), and refused in parameters, where
 * they never are.
 */
public final class InputRules {

	private static final Pattern VISIBLE = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S}]");

	private InputRules() {
	}

	/**
	 * What is wrong with the value, or {@code null} when it is acceptable.
	 * @param value the text
	 * @param lineBreaksAllowed whether tab, line feed and carriage return are text here
	 */
	public static String violation(CharSequence value, boolean lineBreaksAllowed) {
		if (value == null) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return "must not contain an unpaired surrogate (" + codePoint(c) + ")";
			}
			if (Character.isLowSurrogate(c)) {
				return "must not contain an unpaired surrogate (" + codePoint(c) + ")";
			}
			if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
				return "must not contain control characters (" + codePoint(c) + ")";
			}
		}
		return null;
	}

	/**
	 * Whether the text holds something to search for: a letter, digit, punctuation mark
	 * or symbol, not only white space and invisible format characters (zero-width spaces,
	 * direction marks).
	 */
	public static boolean hasVisibleCharacter(CharSequence value) {
		return value != null && VISIBLE.matcher(value).find();
	}

	private static String codePoint(char c) {
		return String.format(Locale.ROOT, "U+%04X", (int) c);
	}

}
