package dev.thoth.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that follows a request through every service: taken from the caller when
 * it is well formed, generated otherwise; kept in the logging context as
 * {@value #MDC_KEY}.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	/** The caller's id if it is safe to log and pass on, otherwise a new one. */
	public static String acceptOrGenerate(String candidate) {
		if (candidate != null && WELL_FORMED.matcher(candidate).matches()) {
			return candidate;
		}
		return UUID.randomUUID().toString();
	}

}
