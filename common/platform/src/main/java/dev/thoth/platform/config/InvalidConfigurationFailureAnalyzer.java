package dev.thoth.platform.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a bad setting as one line naming the environment variable to fix, instead of a
 * stack trace.
 */
class InvalidConfigurationFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		InvalidConfigurationException invalid = findCause(failure, InvalidConfigurationException.class);
		if (invalid != null) {
			return analysis(invalid.getMessage(), invalid);
		}
		BindValidationException validation = findCause(failure, BindValidationException.class);
		if (validation != null && !validation.getValidationErrors().getAllErrors().isEmpty()) {
			ObjectError error = validation.getValidationErrors().getAllErrors().getFirst();
			String property = (error instanceof FieldError field)
					? validation.getValidationErrors().getName() + "." + toKebab(field.getField())
					: validation.getValidationErrors().getName().toString();
			return analysis(describe(property) + ": " + error.getDefaultMessage(), validation);
		}
		BindException bind = findCause(failure, BindException.class);
		if (bind != null && bind.getName().toString().startsWith("thoth")) {
			Throwable root = bind;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			return analysis(describe(bind.getName().toString()) + ": " + root.getMessage(), bind);
		}
		return null;
	}

	private static String describe(String property) {
		return EnvironmentVariables.forProperty(property).orElse(property);
	}

	private static FailureAnalysis analysis(String line, Throwable cause) {
		return new FailureAnalysis("Invalid configuration: " + line,
				"Fix that setting (see .env.example for every variable) and start again.", cause);
	}

	private static String toKebab(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

}
