package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON from the sources, read leniently field by field, strictly as a whole. */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** The document, which must be a JSON object. */
	static JsonNode object(String source, String body) throws SourceException {
		JsonNode node;
		try {
			node = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new SourceException("malformed",
					source + " answered JSON that cannot be read: " + ex.getOriginalMessage(), ex);
		}
		if (node == null || !node.isObject()) {
			throw new SourceException("malformed", source + " answered something other than a JSON object");
		}
		return node;
	}

	static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	static Integer integer(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			return value.asInt();
		}
		try {
			return Integer.valueOf(value.asString().strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static List<String> texts(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		if (array == null || !array.isArray()) {
			return values;
		}
		for (JsonNode item : array) {
			String value = (field != null) ? text(item, field) : (item.isValueNode() ? item.asString() : null);
			if (value != null && !value.isBlank()) {
				values.add(value.strip());
			}
		}
		return values;
	}

	static LocalDate date(String value) {
		if (value == null || value.length() < 10) {
			return null;
		}
		try {
			return LocalDate.parse(value.substring(0, 10));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static Iterable<JsonNode> items(JsonNode array) {
		return (array != null && array.isArray()) ? array : List.of();
	}

}
