package dev.thoth.pdfmonitor.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The CrossRef REST API: a work by DOI ({@code GET /works/{doi}}) and a bibliographic
 * search ({@code GET /works?query.bibliographic=…&rows=…}). Calls go through the
 * application's RestClient (retries with backoff, circuit breaker, request ids) with this
 * client's own timeouts. A 404 is an answer ("no such DOI"); anything else that is not a
 * record is a {@link CrossrefException} with the reason.
 */
class CrossrefClient {

	private static final Pattern MARKUP = Pattern.compile("<[^>]+>");

	/** JATS abstracts often open with a heading that just says "Abstract". */
	private static final Pattern JATS_TITLE = Pattern.compile("(?s)<(?:jats:)?title>.*?</(?:jats:)?title>");

	private final RestClient client;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	/**
	 * @param builder the application's RestClient builder (cloned, not changed), so the
	 * platform's retries and circuit breaker apply
	 */
	CrossrefClient(RestClient.Builder builder, LookupProperties properties) {
		this.connectTimeout = properties.connectTimeout();
		this.readTimeout = properties.readTimeout();
		this.client = SourceClients.client(builder, properties.crossrefUrl(), properties);
	}

	/** The work registered under this DOI, or empty when CrossRef has none. */
	Optional<WorkRecord> work(String doi) throws CrossrefException {
		JsonNode answer = get("the DOI " + doi, this.client.get().uri("/works/{doi}", doi));
		return (answer != null) ? Optional.of(parse(answer.path("message"))) : Optional.empty();
	}

	/** CrossRef's best matches for a free-text citation, best first. */
	List<WorkRecord> search(String bibliographic, int rows) throws CrossrefException {
		JsonNode answer = get("a search",
				this.client.get()
					.uri((uri) -> uri.path("/works")
						.queryParam("query.bibliographic", "{query}")
						.queryParam("rows", rows)
						.build(bibliographic)));
		List<WorkRecord> works = new ArrayList<>();
		if (answer != null) {
			for (JsonNode item : answer.path("message").path("items")) {
				works.add(parse(item));
			}
		}
		return works;
	}

	/** The JSON answer, or null for a 404. */
	private JsonNode get(String what, RestClient.RequestHeadersSpec<?> request) throws CrossrefException {
		try {
			return request.exchange((req, response) -> {
				int status = response.getStatusCode().value();
				if (status == 404) {
					return null;
				}
				if (status != 200) {
					throw new CrossrefException("CrossRef answered HTTP " + status + " to " + what);
				}
				JsonNode body = response.bodyTo(JsonNode.class);
				if (body == null || !"ok".equals(body.path("status").asString(""))) {
					throw new CrossrefException("CrossRef answered " + what + " without an ok status");
				}
				return body;
			});
		}
		catch (ResourceAccessException ex) {
			throw new CrossrefException(
					SourceException.unreachable("CrossRef", ex, this.connectTimeout, this.readTimeout), ex);
		}
		catch (RestClientException ex) {
			throw new CrossrefException("CrossRef's answer to " + what + " could not be read: " + ex.getMessage(), ex);
		}
	}

	static WorkRecord parse(JsonNode work) {
		List<String> authors = new ArrayList<>();
		List<String> families = new ArrayList<>();
		List<JsonNode> listed = new ArrayList<>();
		work.path("author").forEach(listed::add);
		// The array is in author order; "sequence": "first" settles it where it is not.
		listed.sort((a, b) -> Boolean.compare(!"first".equals(a.path("sequence").asString("")),
				!"first".equals(b.path("sequence").asString(""))));
		for (JsonNode author : listed) {
			String given = plain(author.path("given"));
			String family = plain(author.path("family"));
			String name = plain(author.path("name"));
			if (family != null) {
				authors.add((given != null) ? given + " " + family : family);
				families.add(family);
			}
			else if (name != null) {
				// An organisation as author.
				authors.add(name);
				families.add(name);
			}
		}
		List<String> subjects = new ArrayList<>();
		work.path("subject").forEach((subject) -> {
			String text = plain(subject);
			if (text != null) {
				subjects.add(text);
			}
		});
		return new WorkRecord(doi(work.path("DOI")), first(work.path("title")), first(work.path("subtitle")), authors,
				families, first(work.path("container-title")), year(work), abstractText(work.path("abstract")),
				subjects);
	}

	/**
	 * The year of "published", CrossRef's earliest of print and online; without it, the
	 * earliest of print, online and issued.
	 */
	private static Integer year(JsonNode work) {
		Integer published = yearOf(work.path("published"));
		if (published != null) {
			return published;
		}
		Integer earliest = null;
		for (String field : List.of("published-print", "published-online", "issued")) {
			Integer year = yearOf(work.path(field));
			if (year != null && (earliest == null || year < earliest)) {
				earliest = year;
			}
		}
		return earliest;
	}

	private static Integer yearOf(JsonNode date) {
		JsonNode year = date.path("date-parts").path(0).path(0);
		if (year.isIntegralNumber() || (year.isString() && year.asString().matches("\\d{4}"))) {
			return year.asInt();
		}
		return null;
	}

	private static String first(JsonNode values) {
		for (JsonNode value : values) {
			String text = plain(value);
			if (text != null) {
				return text;
			}
		}
		return null;
	}

	private static String abstractText(JsonNode value) {
		if (!value.isString()) {
			return null;
		}
		String withoutHeading = JATS_TITLE.matcher(value.asString()).replaceAll(" ");
		return clean(withoutHeading);
	}

	/** Taken as is: a DOI may hold what looks like markup ("…<693::AID-ASI4>…"). */
	private static String doi(JsonNode value) {
		return (value.isString() && !value.asString().isBlank()) ? value.asString().strip() : null;
	}

	private static String plain(JsonNode value) {
		return value.isString() ? clean(value.asString()) : null;
	}

	/** Tags (JATS, MathML, {@code <i>}) dropped, entities decoded, spaces collapsed. */
	static String clean(String text) {
		String plain = MARKUP.matcher(text)
			.replaceAll(" ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&apos;", "'")
			.replace("&#39;", "'")
			.replace("&nbsp;", " ")
			.replace("&amp;", "&")
			.replaceAll("\\s+", " ")
			.replaceAll(" ([,.;:)])", "$1")
			.strip();
		return plain.isEmpty() ? null : plain;
	}

	/** CrossRef did not answer usefully: unreachable, too slow, or an error status. */
	static class CrossrefException extends SourceException {

		CrossrefException(String message) {
			super(message);
		}

		CrossrefException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
