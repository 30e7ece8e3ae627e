package dev.thoth.platform.input;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link InputRules} to every query parameter, name and value, before any
 * controller sees it: a refused value is a 400 naming the parameter. Only the query
 * string is read, never the body, so a large upload is not parsed before authentication.
 */
public class QueryParameterRulesFilter extends OncePerRequestFilter {

	/** Writes the 400 problem; the platform's writer attaches the request id. */
	@FunctionalInterface
	public interface ProblemWriter {

		void badRequest(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException;

	}

	private final ProblemWriter problems;

	public QueryParameterRulesFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String detail = violation(request.getQueryString());
		if (detail != null) {
			this.problems.badRequest(request, response, detail);
			return;
		}
		chain.doFilter(request, response);
	}

	/** The first parameter that breaks the rules, as a problem detail; null if none. */
	static String violation(String queryString) {
		if (queryString == null || queryString.isEmpty()) {
			return null;
		}
		for (String pair : queryString.split("&")) {
			int equals = pair.indexOf('=');
			String name;
			String value;
			try {
				name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
				value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return "The query string is malformed: invalid percent-encoding in '" + shorten(pair) + "'.";
			}
			String problem = InputRules.violation(name, false);
			if (problem != null) {
				return "A query parameter name " + problem + ".";
			}
			problem = InputRules.violation(value, false);
			if (problem != null) {
				return name + ": " + problem;
			}
		}
		return null;
	}

	private static String shorten(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 40) ? printable : printable.substring(0, 40) + "…";
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

}
