package dev.thoth.api.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Optional number parameters given empty ({@code yearTo=}): Spring reads them as absent,
 * but the API description says a number, so they are refused as a client would expect.
 */
public final class NumberParameters {

	private NumberParameters() {
	}

	public static void requireNumbers(HttpServletRequest request, String... names) {
		for (String name : names) {
			String[] values = request.getParameterValues(name);
			if (values != null) {
				for (String value : values) {
					if (value == null || value.isBlank()) {
						throw new InvalidFieldException(name, "must be a whole number");
					}
				}
			}
		}
	}

}
