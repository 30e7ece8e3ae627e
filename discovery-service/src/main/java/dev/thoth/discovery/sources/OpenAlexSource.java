package dev.thoth.discovery.sources;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * OpenAlex's {@code /works}: {@code search} over the keywords (or the authors), the
 * window as {@code filter=from_publication_date:…,to_publication_date:…}, newest first,
 * cursor paging ({@code cursor=*}, then {@code meta.next_cursor}), the abstract rebuilt
 * from {@code abstract_inverted_index}. OpenAlex requires an API key since February 2026:
 * without one the source is reported as not configured, in every run and in the health
 * details.
 */
public final class OpenAlexSource implements PaperSource {

	static final String NAME = "openalex";

	static final int PAGE = 100;

	private final SourceCalls calls;

	private final String apiKey;

	private final String mailto;

	public OpenAlexSource(SourceCalls calls, String apiKey, String mailto) {
		this.calls = calls;
		this.apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.strip() : null;
		this.mailto = (mailto != null) ? mailto.strip() : "";
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<String> notConfigured() {
		return (this.apiKey != null) ? Optional.empty()
				: Optional.of("OpenAlex requires an API key since February 2026: set OPENALEX_API_KEY "
						+ "(or OPENALEX_API_KEY_FILE, the openalex_api_key secret)");
	}

	@Override
	public List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException {
		if (this.apiKey == null) {
			throw new SourceException("not_configured", notConfigured().orElseThrow());
		}
		String text = SemanticScholarSource.queryText(request);
		if (text.isEmpty()) {
			return List.of();
		}
		List<Candidate> found = new ArrayList<>();
		String cursor = "*";
		while (found.size() < request.maxResults() && cursor != null) {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("search", text);
			variables.put("size", Math.min(PAGE, request.maxResults() - found.size()));
			variables.put("cursor", cursor);
			variables.put("key", this.apiKey);
			StringBuilder uri = new StringBuilder(
					"/works?search={search}&per_page={size}&cursor={cursor}&sort=publication_date:desc&api_key={key}");
			String filter = filter(request);
			if (!filter.isEmpty()) {
				variables.put("filter", filter);
				uri.append("&filter={filter}");
			}
			if (!this.mailto.isEmpty()) {
				variables.put("mailto", this.mailto);
				uri.append("&mailto={mailto}");
			}
			String body = this.calls.fetch(tally, "page " + (found.size() / PAGE + 1),
					(client) -> client.get().uri(uri.toString(), variables));
			JsonNode root = Json.object(NAME, body);
			JsonNode results = root.get("results");
			if (results == null || !results.isArray()) {
				throw new SourceException("malformed", "openalex answered without a results list");
			}
			for (JsonNode work : results) {
				Candidate candidate = work(work);
				if (candidate != null) {
					found.add(candidate);
				}
			}
			String next = Json.text(root.get("meta"), "next_cursor");
			cursor = (results.isEmpty() || next == null || next.equals(cursor)) ? null : next;
		}
		return found.subList(0, Math.min(found.size(), request.maxResults()));
	}

	static String filter(SearchRequest request) {
		List<String> filters = new ArrayList<>();
		if (request.from() != null) {
			filters.add("from_publication_date:" + request.from());
		}
		if (request.to() != null) {
			filters.add("to_publication_date:" + request.to());
		}
		return String.join(",", filters);
	}

	static Candidate work(JsonNode work) {
		String id = Json.text(work, "id");
		String title = Json.text(work, "title");
		if (title == null) {
			title = Json.text(work, "display_name");
		}
		if (id == null || title == null) {
			return null;
		}
		JsonNode ids = work.get("ids");
		String arxiv = null;
		for (JsonNode location : Json.items(work.get("locations"))) {
			String landing = Json.text(location, "landing_page_url");
			if (landing != null && landing.contains("arxiv.org/abs/")) {
				arxiv = WorkIds.arxiv(landing);
			}
		}
		List<String> authors = new ArrayList<>();
		for (JsonNode authorship : Json.items(work.get("authorships"))) {
			String name = Json.text(authorship.get("author"), "display_name");
			if (name != null) {
				authors.add(name);
			}
		}
		JsonNode primary = work.get("primary_location");
		String venue = (primary != null) ? Json.text(primary.get("source"), "display_name") : null;
		String pdf = Json.text(work.get("best_oa_location"), "pdf_url");
		if (pdf == null) {
			pdf = Json.text(primary, "pdf_url");
		}
		List<String> topics = Json.texts(work.get("topics"), "display_name");
		if (topics.isEmpty()) {
			topics = Json.texts(work.get("concepts"), "display_name");
		}
		return new Candidate(NAME, new WorkIds(Json.text(work, "doi"), null, arxiv, Json.text(ids, "pmid"), null, id),
				title, authors, abstractFrom(work.get("abstract_inverted_index")),
				Json.date(Json.text(work, "publication_date")), Json.integer(work, "publication_year"), venue,
				topics.subList(0, Math.min(5, topics.size())), pdf, Json.integer(work, "cited_by_count"),
				work.path("is_retracted").asBoolean(false));
	}

	/** The abstract from its inverted index: every word at each of its positions. */
	static String abstractFrom(JsonNode index) {
		if (index == null || !index.isObject()) {
			return null;
		}
		TreeMap<Integer, String> words = new TreeMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = index.properties().iterator(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			for (JsonNode position : Json.items(field.getValue())) {
				if (position.isInt() && position.asInt() >= 0 && position.asInt() < 100_000) {
					words.put(position.asInt(), field.getKey());
				}
			}
		}
		return words.isEmpty() ? null : String.join(" ", words.values());
	}

}
