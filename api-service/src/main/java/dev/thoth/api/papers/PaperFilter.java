package dev.thoth.api.papers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.thoth.domain.papers.PaperStatus;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The filters and the order of a paper list, already checked. Text filters are matched as
 * text: they reach the database only as bind parameters.
 *
 * @param q words in the title, abstract or an author's name (null: any)
 * @param tag an exact tag name (null: any)
 * @param author part of an author's name (null: any)
 * @param yearFrom first year (null: open)
 * @param yearTo last year (null: open)
 * @param status the status (null: any)
 * @param sort the order
 */
record PaperFilter(String q, String tag, String author, Integer yearFrom, Integer yearTo, PaperStatus status,
		Sort sort) {

	/** A sort key a list may be ordered by, and its direction. */
	record Sort(Key key, boolean descending) {

		static final Sort DEFAULT = new Sort(Key.CREATED_AT, true);

		/** The sort keys, each with the fixed SQL expression it orders by. */
		enum Key {

			CREATED_AT("createdAt", "p.created_at"), YEAR("year", "p.year"), TITLE("title", "lower(p.title)");

			final String parameter;

			final String column;

			Key(String parameter, String column) {
				this.parameter = parameter;
				this.column = column;
			}

		}

		/**
		 * {@code key} or {@code key,asc|desc}; the direction defaults to ascending. Null
		 * is the default order, newest first.
		 */
		static Sort parse(String value) {
			if (value == null || value.isBlank()) {
				return DEFAULT;
			}
			String[] parts = value.strip().split("\\s*,\\s*", -1);
			if (parts.length <= 2) {
				for (Key key : Key.values()) {
					if (key.parameter.equals(parts[0])) {
						if (parts.length == 1 || parts[1].equalsIgnoreCase("asc")) {
							return new Sort(key, false);
						}
						if (parts[1].equalsIgnoreCase("desc")) {
							return new Sort(key, true);
						}
					}
				}
			}
			throw invalid("sort", "must be createdAt, year or title, optionally followed by ,asc or ,desc (was '"
					+ abbreviated(value) + "')");
		}

		/** The ORDER BY clause: only fixed column names, never request text. */
		String orderBy() {
			String direction = this.descending ? "desc" : "asc";
			return this.key.column + " " + direction + " nulls last, p.created_at desc, p.id";
		}

	}

	static PaperStatus parseStatus(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return PaperStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("status",
					"must be one of PENDING, PROCESSING, READY, FAILED (was '" + abbreviated(value) + "')");
		}
	}

	/** Blank means no filter; PostgreSQL cannot hold NUL characters, so they go. */
	static String text(String value) {
		if (value == null) {
			return null;
		}
		String text = value.replace("\u0000", "").strip();
		return text.isEmpty() ? null : text;
	}

	/** A LIKE pattern that finds the text anywhere, its wildcards taken literally. */
	static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	static ResponseStatusException invalid(String parameter, String message) {
		ResponseStatusException ex = new ResponseStatusException(HttpStatus.BAD_REQUEST, parameter + ": " + message);
		ex.getBody().setProperty("errors", List.of(Map.of("field", parameter, "message", message)));
		return ex;
	}

	private static String abbreviated(String value) {
		String printable = value.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 40) ? printable.substring(0, 40) + "…" : printable;
	}

}
