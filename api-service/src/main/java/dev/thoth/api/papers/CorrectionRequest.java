package dev.thoth.api.papers;

import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A merge-patch body for a paper's metadata, checked field by field: a field left out
 * stays as it is, a field given replaces the paper's, and {@code null} clears it (title
 * excepted). Every problem is reported at once, each naming its field.
 */
final class CorrectionRequest {

	static final String TITLE = "title";

	static final String AUTHORS = "authors";

	static final String YEAR = "year";

	static final String DOI = "doi";

	static final String VENUE = "venue";

	static final String ABSTRACT = "abstract";

	static final String KEYWORDS = "keywords";

	/** The fields a user may correct, in the order they are applied. */
	static final List<String> FIELDS = List.of(TITLE, AUTHORS, YEAR, DOI, VENUE, ABSTRACT, KEYWORDS);

	/**
	 * What {@code GET} calls the abstract, accepted too so a read value can be sent back.
	 */
	private static final String ABSTRACT_ALIAS = "abstractText";

	static final int MIN_YEAR = 1000;

	static final int MAX_TITLE = 1000;

	static final int MAX_NAME = 300;

	static final int MAX_AUTHORS = 200;

	static final int MAX_DOI = 300;

	static final int MAX_VENUE = 500;

	static final int MAX_ABSTRACT = 20_000;

	static final int MAX_KEYWORD = 200;

	static final int MAX_KEYWORDS = 100;

	/** A DOI: the directory indicator, a registrant code, a slash, a suffix. */
	static final Pattern DOI_PATTERN = Pattern.compile("10\\.[0-9]{4,9}/[^\\s\\x00-\\x1f]+");

	private static final Pattern DOI_PREFIX = Pattern.compile("(?i)^(?:doi:\\s*|https?://(?:dx\\.)?doi\\.org/)");

	private static final Set<String> ALLOWED_AUTHOR_PROPERTIES = Set.of("name");

	/**
	 * The corrected fields with their new values (null: cleared), in {@link #FIELDS}
	 * order.
	 */
	private final Map<String, Object> values;

	private CorrectionRequest(Map<String, Object> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/**
	 * The correction the body asks for.
	 * @throws ResponseStatusException 400 naming each invalid field
	 */
	static CorrectionRequest parse(JsonNode body) {
		List<Map<String, String>> errors = new ArrayList<>();
		if (body == null || !body.isObject()) {
			throw invalid(List.of(error("body", "must be a JSON object with the fields to correct")));
		}
		Map<String, JsonNode> given = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : body.properties()) {
			String name = property.getKey();
			String field = ABSTRACT_ALIAS.equals(name) ? ABSTRACT : name;
			if (!FIELDS.contains(field)) {
				errors.add(error(printable(name), "cannot be corrected; the fields are " + String.join(", ", FIELDS)));
			}
			else if (given.containsKey(field)) {
				errors.add(error(field, "is given twice (as abstract and as abstractText)"));
			}
			else {
				given.put(field, property.getValue());
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (String field : FIELDS) {
			if (given.containsKey(field)) {
				JsonNode value = given.get(field);
				int before = errors.size();
				Object parsed = switch (field) {
					case TITLE -> title(value, errors);
					case AUTHORS -> authors(value, errors);
					case YEAR -> year(value, errors);
					case DOI -> doi(value, errors);
					case VENUE -> optionalText(VENUE, value, MAX_VENUE, errors);
					case ABSTRACT -> optionalText(ABSTRACT, value, MAX_ABSTRACT, errors);
					case KEYWORDS -> keywords(value, errors);
					default -> throw new IllegalStateException(field);
				};
				if (errors.size() == before) {
					values.put(field, parsed);
				}
			}
		}
		if (!errors.isEmpty()) {
			throw invalid(errors);
		}
		return new CorrectionRequest(values);
	}

	/** The corrected fields and their new values, in the order they are applied. */
	Map<String, Object> values() {
		return this.values;
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	/** The latest year a paper may be published in: next year, for accepted preprints. */
	static int maxYear() {
		return Year.now().getValue() + 1;
	}

	private static String title(JsonNode value, List<Map<String, String>> errors) {
		if (value.isNull()) {
			errors.add(error(TITLE, "must not be null; a paper keeps a title"));
			return null;
		}
		return requiredText(TITLE, value, MAX_TITLE, errors);
	}

	private static List<String> authors(JsonNode value, List<Map<String, String>> errors) {
		if (value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			errors.add(error(AUTHORS, "must be a list of names or of {\"name\": ...}"));
			return null;
		}
		if (value.size() > MAX_AUTHORS) {
			errors.add(error(AUTHORS, "must have at most " + MAX_AUTHORS + " authors"));
			return null;
		}
		List<String> names = new ArrayList<>();
		int index = 0;
		for (JsonNode author : value.values()) {
			String field = AUTHORS + "[" + index++ + "]";
			JsonNode name = author;
			if (author.isObject()) {
				name = author.get("name");
				if (name == null || !ALLOWED_AUTHOR_PROPERTIES.containsAll(author.propertyNames())) {
					errors.add(error(field, "must be a name or {\"name\": ...}"));
					continue;
				}
			}
			if (!name.isString()) {
				errors.add(error(field, "must be a name or {\"name\": ...}"));
				continue;
			}
			String text = requiredText(field, name, MAX_NAME, errors);
			if (text != null) {
				names.add(text);
			}
		}
		return names;
	}

	private static Integer year(JsonNode value, List<Map<String, String>> errors) {
		if (value.isNull()) {
			return null;
		}
		// 1999.0 is a whole number too, as JSON Schema's "integer" counts it.
		if (!value.isNumber() || !(value.isIntegralNumber() || value.canConvertToExactIntegral())
				|| !value.canConvertToInt()) {
			errors.add(error(YEAR, "must be a whole number"));
			return null;
		}
		int year = value.intValue();
		if (year < MIN_YEAR || year > maxYear()) {
			errors.add(error(YEAR, "must be between " + MIN_YEAR + " and " + maxYear()));
			return null;
		}
		return year;
	}

	private static String doi(JsonNode value, List<Map<String, String>> errors) {
		if (value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			errors.add(error(DOI, "must be a DOI such as 10.1000/xyz123"));
			return null;
		}
		String doi = DOI_PREFIX.matcher(clean(value.stringValue())).replaceFirst("");
		if (doi.codePointCount(0, doi.length()) > MAX_DOI) {
			errors.add(error(DOI, "must be at most " + MAX_DOI + " characters"));
			return null;
		}
		if (!DOI_PATTERN.matcher(doi).matches()) {
			errors.add(error(DOI, "must be a DOI such as 10.1000/xyz123"));
			return null;
		}
		return doi;
	}

	private static List<String> keywords(JsonNode value, List<Map<String, String>> errors) {
		if (value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			errors.add(error(KEYWORDS, "must be a list of words or phrases"));
			return null;
		}
		if (value.size() > MAX_KEYWORDS) {
			errors.add(error(KEYWORDS, "must have at most " + MAX_KEYWORDS + " keywords"));
			return null;
		}
		List<String> keywords = new ArrayList<>();
		int index = 0;
		for (JsonNode keyword : value.values()) {
			String text = requiredText(KEYWORDS + "[" + index++ + "]", keyword, MAX_KEYWORD, errors);
			if (text != null && !keywords.contains(text)) {
				keywords.add(text);
			}
		}
		return keywords;
	}

	/** Text that may be cleared: null or blank clears it. */
	private static String optionalText(String field, JsonNode value, int max, List<Map<String, String>> errors) {
		if (value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			errors.add(error(field, "must be text or null"));
			return null;
		}
		String text = clean(value.stringValue());
		if (text.codePointCount(0, text.length()) > max) {
			errors.add(error(field, "must be at most " + max + " characters"));
			return null;
		}
		return text.isEmpty() ? null : text;
	}

	private static String requiredText(String field, JsonNode value, int max, List<Map<String, String>> errors) {
		if (!value.isString()) {
			errors.add(error(field, "must be text"));
			return null;
		}
		String text = clean(value.stringValue());
		if (text.isEmpty()) {
			errors.add(error(field, "must not be blank"));
			return null;
		}
		if (text.codePointCount(0, text.length()) > max) {
			errors.add(error(field, "must be at most " + max + " characters"));
			return null;
		}
		return text;
	}

	/** PostgreSQL cannot store NUL characters; surrounding white space means nothing. */
	private static String clean(String text) {
		return text.replace("\u0000", "").strip();
	}

	private static String printable(String name) {
		String printable = name.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 60) ? printable.substring(0, 60) + "…" : printable;
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	private static ResponseStatusException invalid(List<Map<String, String>> errors) {
		String detail = String.join("; ",
				errors.stream().map((e) -> e.get("field") + ": " + e.get("message")).toList());
		ResponseStatusException ex = new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
		ex.getBody().setProperty("errors", errors);
		return ex;
	}

}
