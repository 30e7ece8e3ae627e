package dev.thoth.platform.input;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Says, in words a client can act on, which field or parameter was wrong and what was
 * expected, for the errors that happen before a controller runs: a body that does not fit
 * its type, a parameter that does not convert.
 */
public final class InputProblems {

	private static final int MAX_ECHO = 40;

	private InputProblems() {
	}

	/**
	 * A body that could not be read into its type: the field, what it wants, what came.
	 */
	public static String unreadableBody(Throwable ex) {
		JacksonException jackson = find(ex, JacksonException.class);
		if (jackson == null) {
			return "The request body is missing or is not valid JSON.";
		}
		if (find(ex, StreamConstraintsException.class) != null) {
			return "The request body is too deeply nested or too large: " + jackson.getOriginalMessage();
		}
		String field = path(jackson.getPath());
		if (jackson instanceof UnrecognizedPropertyException unknown) {
			return ((field.isEmpty()) ? "body" : field) + ": unknown property; expected one of "
					+ unknown.getKnownPropertyIds() + ".";
		}
		if (jackson instanceof InvalidFormatException invalid) {
			return name(field) + ": " + echo(invalid.getValue()) + " is not " + describe(invalid.getTargetType()) + ".";
		}
		if (jackson instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
			return name(field) + ": expected " + describe(mismatched.getTargetType()) + ".";
		}
		if (!field.isEmpty()) {
			return field + ": invalid value.";
		}
		return "The request body is not valid JSON.";
	}

	/**
	 * A parameter that did not convert: its name, what it wants, the value that failed.
	 */
	public static String typeMismatch(TypeMismatchException ex, String name) {
		Class<?> required = ex.getRequiredType();
		Object value = ex.getValue();
		ConversionFailedException failed = find(ex, ConversionFailedException.class);
		// For a list parameter, the element that failed, not the whole array.
		Object failing = (failed != null && failed.getValue() != null && !(failed.getValue() instanceof Object[]))
				? failed.getValue() : value;
		Class<?> element = elementType(ex, required);
		String expected = describe(element);
		if (failing instanceof Object[] values) {
			// A repeated parameter: the first of its values that does not convert.
			for (Object candidate : values) {
				if (!converts(candidate, element)) {
					return name + ": " + echo(candidate) + " is not " + expected + ".";
				}
			}
			return name + ": expected " + expected + ", got "
					+ Arrays.stream(values).map(InputProblems::echo).collect(Collectors.joining(", ")) + ".";
		}
		return name + ": " + echo(failing) + " is not " + expected + ".";
	}

	private static boolean converts(Object value, Class<?> type) {
		try {
			if (type == UUID.class) {
				new StrictUuidEditor().convert(String.valueOf(value));
			}
			else if (type != null) {
				DefaultConversionService.getSharedInstance().convert(value, type);
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Class<?> elementType(TypeMismatchException ex, Class<?> required) {
		if (required != null && (Collection.class.isAssignableFrom(required) || required.isArray())) {
			if (ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException argument) {
				Class<?> element = argument.getParameter().nested().getNestedParameterType();
				if (element != null && element != Object.class) {
					return element;
				}
			}
			return (required.isArray()) ? required.getComponentType() : String.class;
		}
		return required;
	}

	static String describe(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == UUID.class) {
			return "a UUID";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class || type == Character.class || type == char.class) {
			return "a string";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		if (type == LocalDate.class) {
			return "a date (YYYY-MM-DD)";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "a date-time (ISO 8601, e.g. 2026-01-31T12:00:00Z)";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String name(String field) {
		return field.isEmpty() ? "body" : field;
	}

	private static String echo(Object value) {
		if (value == null) {
			return "null";
		}
		String text = String.valueOf(value);
		if (InputRules.violation(text, false) != null) {
			return "a value with control characters";
		}
		return "'" + ((text.length() <= MAX_ECHO) ? text : text.substring(0, MAX_ECHO) + "…") + "'";
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
