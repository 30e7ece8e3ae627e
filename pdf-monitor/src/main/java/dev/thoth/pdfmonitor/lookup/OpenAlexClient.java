package dev.thoth.pdfmonitor.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * OpenAlex's {@code GET /works}, filtered by title words and a publication-year range
 * ({@code filter=title.search:…,publication_year:2007-2009}), only the fields a match
 * needs ({@code select}), with the contact address ({@code mailto}) and the API key
 * OpenAlex requires since February 2026 ({@code api_key}). Calls go through the
 * application's RestClient (retries with backoff, circuit breaker) with the lookup
 * timeouts. Anything that is not a result list is a {@link SourceException}.
 */
class OpenAlexClient {

	static final String SELECT = "id,doi,title,display_name,publication_year,authorships,primary_location";

	/**
	 * Characters that mean something in OpenAlex's filter syntax (',' between filters,
	 * ':' before a value, '|' or, '!' not, '<' '>' ranges) or nothing to a title search:
	 * a title is reduced to letters, digits, spaces, hyphens and apostrophes, so it can
	 * only ever be words of one {@code title.search}.
	 */
	private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s'-]+");

	private static final String DOI_URL = "https://doi.org/";

	private final RestClient client;

	private final String mailto;

	private final String apiKey;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	OpenAlexClient(RestClient.Builder builder, LookupProperties properties, String baseUrl, String apiKey) {
		this.client = SourceClients.client(builder, baseUrl, properties);
		this.mailto = properties.contact();
		this.apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.strip() : null;
		this.connectTimeout = properties.connectTimeout();
		this.readTimeout = properties.readTimeout();
	}

	/** Whether OpenAlex can be asked at all: it refuses calls without a key. */
	boolean configured() {
		return this.apiKey != null;
	}

	/**
	 * OpenAlex's works whose titles have these words, published in these years, best
	 * first.
	 */
	List<WorkRecord> search(String title, int fromYear, int toYear, int rows) {
		String words = titleWords(title);
		if (words.isEmpty()) {
			return List.of();
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("filter", "title.search:" + words + ",publication_year:" + fromYear + "-" + toYear);
		variables.put("rows", rows);
		variables.put("select", SELECT);
		StringBuilder uri = new StringBuilder("/works?filter={filter}&per_page={rows}&select={select}");
		if (this.mailto != null) {
			variables.put("mailto", this.mailto);
			uri.append("&mailto={mailto}");
		}
		if (this.apiKey != null) {
			variables.put("key", this.apiKey);
			uri.append("&api_key={key}");
		}
		JsonNode answer = get(this.client.get().uri(uri.toString(), variables));
		List<WorkRecord> works = new ArrayList<>();
		for (JsonNode work : answer.path("results")) {
			works.add(parse(work));
		}
		return works;
	}

	static String titleWords(String title) {
		return (title == null) ? "" : NOT_A_WORD.matcher(title).replaceAll(" ").replaceAll("\\s+", " ").strip();
	}

	private JsonNode get(RestClient.RequestHeadersSpec<?> request) {
		try {
			return request.exchange((req, response) -> {
				int status = response.getStatusCode().value();
				if (status != 200) {
					throw new SourceException("OpenAlex answered HTTP " + status + " to a title search");
				}
				JsonNode body = response.bodyTo(JsonNode.class);
				if (body == null || !body.path("results").isArray()) {
					throw new SourceException("OpenAlex answered a title search without a results list");
				}
				return body;
			});
		}
		catch (ResourceAccessException ex) {
			throw new SourceException(
					SourceException.unreachable("OpenAlex", ex, this.connectTimeout, this.readTimeout), ex);
		}
		catch (RestClientException ex) {
			throw new SourceException("OpenAlex's answer could not be read: " + ex.getMessage(), ex);
		}
	}

	/** One result: DOI without its resolver prefix, authors in order, venue, year. */
	static WorkRecord parse(JsonNode work) {
		String doi = text(work.path("doi"));
		if (doi != null && doi.regionMatches(true, 0, DOI_URL, 0, DOI_URL.length())) {
			doi = doi.substring(DOI_URL.length());
		}
		String title = text(work.path("title"));
		if (title == null) {
			title = text(work.path("display_name"));
		}
		List<String> authors = new ArrayList<>();
		List<String> families = new ArrayList<>();
		for (JsonNode authorship : work.path("authorships")) {
			String name = text(authorship.path("author").path("display_name"));
			if (name == null) {
				name = text(authorship.path("raw_author_name"));
			}
			if (name != null) {
				authors.add(name);
				// OpenAlex keeps display names only; the last word stands for the family
				// name, and matching also compares the whole name.
				families.add(name.substring(name.lastIndexOf(' ') + 1));
			}
		}
		String venue = text(work.path("primary_location").path("source").path("display_name"));
		JsonNode year = work.path("publication_year");
		return new WorkRecord(doi, title, null, authors, families, venue, year.isIntegralNumber() ? year.asInt() : null,
				null, List.of());
	}

	private static String text(JsonNode value) {
		return value.isString() ? CrossrefClient.clean(value.asString()) : null;
	}

}
