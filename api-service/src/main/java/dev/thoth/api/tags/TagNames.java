package dev.thoth.api.tags;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.thoth.api.web.InvalidFieldException;

/**
 * What a tag name is: trimmed, inner whitespace collapsed to one space, lower case (so
 * "Deep Learning" and "deep learning" are one tag), at most 100 characters, and none of
 * '/', '\' (a name is a path segment of the paper-tag endpoints), ',' (the usual list
 * separator: "a, b" is two tags typed into one) or invisible characters. The database
 * applies the same rules to the analysis's tags (V7__analysis_tags.sql).
 */
public final class TagNames {

	static final int MAX_LENGTH = 100;

	static final String FORBIDDEN = "/\\;%,";

	private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private TagNames() {
	}

	/** The name as it is stored, for looking a tag up; not validated. */
	public static String normalize(String raw) {
		String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);
		return WHITESPACE.matcher(composed).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
	}

	/** The normalised name of a new tag, or a 400 problem naming {@code field}. */
	static String valid(String raw, String field) {
		if (raw == null) {
			throw new InvalidFieldException(field, "must not be null");
		}
		String name = normalize(raw);
		if (name.isEmpty()) {
			throw new InvalidFieldException(field, "must not be blank");
		}
		if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
			throw new InvalidFieldException(field, "must be at most " + MAX_LENGTH + " characters");
		}
		if (name.chars().allMatch((c) -> c == '.')) {
			throw new InvalidFieldException(field, "must not be only dots");
		}
		name.codePoints().forEach((c) -> {
			if (FORBIDDEN.indexOf(c) >= 0) {
				throw new InvalidFieldException(field, "must not contain '/', '\\', ';', '%' or ','");
			}
			if (!visible(c)) {
				throw new InvalidFieldException(field,
						"must not contain control, format or unassigned characters (U+%04X)".formatted(c));
			}
		});
		return name;
	}

	private static boolean visible(int c) {
		int type = Character.getType(c);
		return type != Character.CONTROL && type != Character.FORMAT && type != Character.PRIVATE_USE
				&& type != Character.SURROGATE && type != Character.UNASSIGNED;
	}

}
