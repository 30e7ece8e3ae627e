package dev.thoth.platform.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with the request id attached, for errors raised outside MVC.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		if (instance != null) {
			try {
				problem.setInstance(URI.create(instance));
			}
			catch (IllegalArgumentException ex) {
				// A path that is not a valid URI is left out rather than echoed.
			}
		}
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null) {
			problem.setProperty(RequestIds.MDC_KEY, requestId);
		}
		return problem;
	}

	/** The problem as the JSON members RFC 9457 names, extension members alongside. */
	public static Map<String, Object> toJson(ProblemDetail problem) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		json.put("title", problem.getTitle());
		json.put("status", problem.getStatus());
		json.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			json.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			json.putAll(problem.getProperties());
		}
		return json;
	}

}
