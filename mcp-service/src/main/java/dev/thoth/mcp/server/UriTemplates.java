package dev.thoth.mcp.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;

/**
 * Matches resource URIs against templates as RFC 6570 writes them: {@code {id}} is one
 * path segment, and a form-style query {@code {?pages}} is optional, so
 * {@code thoth://papers/{id}/text{?pages}} matches both {@code .../text} and
 * {@code .../text?pages=2-5}. Written here because the SDK's matcher takes every
 * {@code {...}} for a required segment and no library matches RFC 6570 templates (they
 * expand them).
 */
final class UriTemplates implements McpUriTemplateManagerFactory {

	private static final Pattern EXPRESSION = Pattern.compile("\\{(\\??)([^}]+)}");

	@Override
	public McpUriTemplateManager create(String uriTemplate) {
		return new Template(uriTemplate);
	}

	private static final class Template implements McpUriTemplateManager {

		private final String template;

		private final List<String> variables = new ArrayList<>();

		private final List<String> queryVariables = new ArrayList<>();

		private final Pattern pattern;

		Template(String template) {
			this.template = template;
			StringBuilder regex = new StringBuilder("^");
			Matcher expression = EXPRESSION.matcher(template);
			int last = 0;
			boolean query = false;
			while (expression.find()) {
				regex.append(Pattern.quote(template.substring(last, expression.start())));
				if (expression.group(1).isEmpty()) {
					this.variables.add(expression.group(2));
					regex.append("([^/?#]+)");
				}
				else {
					for (String name : expression.group(2).split(",")) {
						this.queryVariables.add(name.strip());
					}
					query = true;
				}
				last = expression.end();
			}
			regex.append(Pattern.quote(template.substring(last)));
			if (query) {
				regex.append("(?:\\?([^#]*))?");
			}
			this.pattern = Pattern.compile(regex.append("$").toString());
		}

		@Override
		public List<String> getVariableNames() {
			List<String> names = new ArrayList<>(this.variables);
			this.queryVariables.forEach((name) -> names.add("?" + name));
			return names;
		}

		@Override
		public Map<String, String> extractVariableValues(String uri) {
			Map<String, String> values = new LinkedHashMap<>();
			Matcher matcher = this.pattern.matcher(uri);
			if (!matcher.matches()) {
				return values;
			}
			for (int i = 0; i < this.variables.size(); i++) {
				values.put(this.variables.get(i), decode(matcher.group(i + 1)));
			}
			if (!this.queryVariables.isEmpty() && matcher.group(this.variables.size() + 1) != null) {
				for (String pair : matcher.group(this.variables.size() + 1).split("&")) {
					int equals = pair.indexOf('=');
					String name = (equals < 0) ? pair : pair.substring(0, equals);
					if (this.queryVariables.contains(name)) {
						values.put("?" + name, decode((equals < 0) ? "" : pair.substring(equals + 1)));
					}
				}
			}
			return values;
		}

		@Override
		public boolean matches(String uri) {
			return isUriTemplate(this.template) ? this.pattern.matcher(uri).matches() : this.template.equals(uri);
		}

		@Override
		public boolean isUriTemplate(String uri) {
			return EXPRESSION.matcher(uri).find();
		}

		private static String decode(String value) {
			try {
				return URLDecoder.decode(value, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return value;
			}
		}

	}

}
