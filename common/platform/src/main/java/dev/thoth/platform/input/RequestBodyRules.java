package dev.thoth.platform.input;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Applies {@link InputRules} to every string in a request body once it has been read:
 * record components, lists, maps (keys too) and JSON trees, depth first. The check runs
 * on the body as the controller receives it, not in the shared JSON mapper, so that what
 * Thoth reads from paper sources and models is not held to the rule.
 */
final class RequestBodyRules {

	/** Deeper than any body Thoth accepts; Jackson's own nesting limit applies before. */
	private static final int MAX_DEPTH = 64;

	private RequestBodyRules() {
	}

	/** The first string that breaks the rules, with its path; null if none. */
	static InvalidInputException violation(Object body) {
		return walk(body, "", 0);
	}

	private static InvalidInputException walk(Object value, String path, int depth) {
		if (value == null || depth > MAX_DEPTH) {
			return null;
		}
		if (value instanceof CharSequence text) {
			String problem = InputRules.violation(text, true);
			return (problem != null) ? new InvalidInputException(name(path), problem) : null;
		}
		if (value instanceof JsonNode node) {
			return walkJson(node, path, depth);
		}
		if (value instanceof Optional<?> optional) {
			return walk(optional.orElse(null), path, depth + 1);
		}
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				if (element == null) {
					// A JSON null, or an empty string read into a UUID or number: no list
					// of Thoth's holds holes.
					return new InvalidInputException(path + "[" + index + "]", "must not be empty or null");
				}
				InvalidInputException problem = walk(element, path + "[" + index++ + "]", depth + 1);
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		if (value instanceof Object[] array) {
			for (int index = 0; index < array.length; index++) {
				InvalidInputException problem = walk(array[index], path + "[" + index + "]", depth + 1);
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				String problem = InputRules.violation(key, false);
				if (problem != null) {
					return new InvalidInputException(name(path), "a property name " + problem);
				}
				InvalidInputException found = walk(entry.getValue(), child(path, key), depth + 1);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		if (value.getClass().isRecord()) {
			for (RecordComponent component : value.getClass().getRecordComponents()) {
				Object componentValue;
				try {
					// Request records are often package-private, as controllers are.
					Method accessor = component.getAccessor();
					accessor.setAccessible(true);
					componentValue = accessor.invoke(value);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					throw new IllegalStateException("Cannot read " + component + " of the request body", ex);
				}
				InvalidInputException problem = walk(componentValue, child(path, component.getName()), depth + 1);
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

	private static InvalidInputException walkJson(JsonNode node, String path, int depth) {
		if (node.isString()) {
			return walk(node.asString(), path, depth);
		}
		if (node.isArray()) {
			for (int index = 0; index < node.size(); index++) {
				InvalidInputException problem = walkJson(node.get(index), path + "[" + index + "]", depth + 1);
				if (problem != null) {
					return problem;
				}
			}
		}
		else if (node.isObject() && depth <= MAX_DEPTH) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String problem = InputRules.violation(property.getKey(), false);
				if (problem != null) {
					return new InvalidInputException(name(path), "a property name " + problem);
				}
				InvalidInputException found = walkJson(property.getValue(), child(path, property.getKey()), depth + 1);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static String child(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	private static String name(String path) {
		return path.isEmpty() ? "body" : path;
	}

}
