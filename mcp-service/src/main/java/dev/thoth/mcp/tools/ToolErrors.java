package dev.thoth.mcp.tools;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.thoth.platform.http.DownstreamUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;

/**
 * What went wrong, in words a model can act on: the argument that was wrong and what was
 * expected, what the library does not have, or which service did not answer.
 */
final class ToolErrors {

	private static final Log log = LogFactory.getLog(ToolErrors.class);

	private ToolErrors() {
	}

	static String describe(Throwable failure) {
		if (failure instanceof ToolArgumentException argument) {
			return argument.getMessage();
		}
		if (failure instanceof HttpStatusCodeException http) {
			return fromProblem(http);
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DownstreamUnavailableException unavailable) {
				// The library, discovery or agent service: the target and its own reason
				// (a 503's problem detail) say which and why.
				return "A Thoth service this tool needs is not answering (" + unavailable.getMessage()
						+ "); nothing was changed by this call. Try again in a minute.";
			}
		}
		if (failure instanceof ResourceAccessException access) {
			return "The Thoth library service could not be reached (" + access.getMostSpecificCause().getMessage()
					+ "); nothing was changed by this call. Try again in a minute.";
		}
		log.error("A tool failed unexpectedly", failure);
		return "The tool failed unexpectedly (" + failure.getClass().getSimpleName()
				+ "); the MCP service's log has the details.";
	}

	/** The API's problem detail, which names the parameter and what is wrong with it. */
	private static String fromProblem(HttpStatusCodeException http) {
		Map<String, Object> problem;
		try {
			problem = http.getResponseBodyAs(Map.class);
		}
		catch (RuntimeException ex) {
			problem = null;
		}
		String detail = (problem != null && problem.get("detail") instanceof String text) ? text : http.getStatusText();
		String errors = "";
		if (problem != null && problem.get("errors") instanceof List<?> list && !list.isEmpty()) {
			errors = " (" + list.stream()
				.filter(Map.class::isInstance)
				.map((error) -> ((Map<?, ?>) error).get("field") + ": " + ((Map<?, ?>) error).get("message"))
				.collect(Collectors.joining("; ")) + ")";
		}
		int status = http.getStatusCode().value();
		String prefix = switch (status) {
			case 400 -> "The library refused an argument: ";
			case 401, 403 -> "The library refused the API key: ";
			case 404 -> "Not found: ";
			case 409 -> "Conflict: ";
			case 413 -> "Too large: ";
			case 415 -> "Not a PDF: ";
			case 422 -> "Refused: ";
			case 429 -> "Too many requests, slow down: ";
			default -> (status >= 500) ? "The library failed (HTTP " + status + "); try again later: " : "";
		};
		String requestId = (problem != null && problem.get("requestId") instanceof String id)
				? " (request id " + id + ")" : "";
		return prefix + detail + errors + requestId;
	}

}
