package dev.thoth.discovery.sources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Semantic Scholar's Graph API: {@code /graph/v1/paper/search} (relevance search, paged
 * with {@code offset}/{@code limit}, the window as {@code publicationDateOrYear}), and
 * the recommendations API ({@code POST /recommendations/v1/papers} with the papers the
 * researcher accepted and rejected), which seeds a query from its feedback. The key, when
 * there is one, goes in {@code x-api-key}.
 */
public final class SemanticScholarSource implements PaperSource {

	static final String NAME = "semantic_scholar";

	static final String FIELDS = "paperId,externalIds,title,abstract,year,venue,publicationDate,authors,"
			+ "citationCount,openAccessPdf,fieldsOfStudy";

	static final int PAGE = 100;

	/** The search API serves the first 1000 results of a query at most. */
	static final int SEARCH_LIMIT = 1000;

	private final SourceCalls calls;

	private final String apiKey;

	public SemanticScholarSource(SourceCalls calls, String apiKey) {
		this.calls = calls;
		this.apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.strip() : null;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException {
		Map<String, Candidate> found = new LinkedHashMap<>();
		if (!request.positiveSeeds().isEmpty()) {
			for (Candidate candidate : recommendations(request, tally)) {
				found.putIfAbsent(candidate.ids().semanticScholarId(), candidate);
			}
		}
		String text = queryText(request);
		int offset = 0;
		while (!text.isEmpty() && found.size() < request.maxResults() && offset < SEARCH_LIMIT) {
			int size = Math.min(PAGE, Math.min(request.maxResults() - found.size(), SEARCH_LIMIT - offset));
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("query", text);
			variables.put("fields", FIELDS);
			variables.put("offset", offset);
			variables.put("limit", size);
			String uri = "/graph/v1/paper/search?query={query}&fields={fields}&offset={offset}&limit={limit}";
			if (request.from() != null || request.to() != null) {
				variables.put("dates", dates(request));
				uri += "&publicationDateOrYear={dates}";
			}
			String template = uri;
			String body = this.calls.fetch(tally, "search from " + offset,
					(client) -> withKey(client.get().uri(template, variables)));
			JsonNode page = Json.object(NAME, body);
			List<JsonNode> data = new ArrayList<>();
			Json.items(page.get("data")).forEach(data::add);
			for (JsonNode paper : data) {
				Candidate candidate = paper(paper);
				if (candidate != null && request.inWindow(candidate.published())) {
					found.putIfAbsent(candidate.ids().semanticScholarId(), candidate);
				}
			}
			Integer next = Json.integer(page, "next");
			if (data.isEmpty() || next == null) {
				break;
			}
			offset = next;
		}
		return new ArrayList<>(found.values()).subList(0, Math.min(found.size(), request.maxResults()));
	}

	private List<Candidate> recommendations(SearchRequest request, SourceTally tally) throws SourceException {
		Map<String, Object> body = Map.of("positivePaperIds", request.positiveSeeds(), "negativePaperIds",
				request.negativeSeeds());
		int limit = Math.min(500, request.maxResults());
		String answer = this.calls.fetch(tally, "recommendations",
				(client) -> withKey(client.post()
					.uri("/recommendations/v1/papers?fields={fields}&limit={limit}", FIELDS, limit)
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)));
		List<Candidate> recommended = new ArrayList<>();
		for (JsonNode paper : Json.items(Json.object(NAME, answer).get("recommendedPapers"))) {
			Candidate candidate = paper(paper);
			if (candidate != null && request.inWindow(candidate.published())) {
				recommended.add(candidate);
			}
		}
		return recommended;
	}

	private RestClient.RequestHeadersSpec<?> withKey(RestClient.RequestHeadersSpec<?> spec) {
		return (this.apiKey != null) ? spec.header("x-api-key", this.apiKey) : spec;
	}

	static String queryText(SearchRequest request) {
		List<String> terms = new ArrayList<>(request.keywords());
		if (terms.isEmpty()) {
			terms.addAll(request.authors());
			terms.addAll(request.categories());
		}
		// The search takes plain words; its own operators (+ | - " *) are not passed on.
		return String.join(" ", terms).replaceAll("[+|\"*()~-]", " ").replaceAll("\\s+", " ").strip();
	}

	/** {@code from:to}, either side open. */
	static String dates(SearchRequest request) {
		String from = (request.from() != null) ? request.from().toString() : "";
		String to = (request.to() != null) ? request.to().toString() : "";
		return from + ":" + to;
	}

	static Candidate paper(JsonNode paper) {
		String id = Json.text(paper, "paperId");
		String title = Json.text(paper, "title");
		if (id == null || title == null) {
			return null;
		}
		JsonNode external = paper.get("externalIds");
		WorkIds ids = new WorkIds(Json.text(external, "DOI"), null, Json.text(external, "ArXiv"),
				Json.text(external, "PubMed"), id, null);
		JsonNode pdf = paper.get("openAccessPdf");
		String pdfUrl = (pdf != null && pdf.isObject()) ? Json.text(pdf, "url") : null;
		return new Candidate(NAME, ids, title, Json.texts(paper.get("authors"), "name"), Json.text(paper, "abstract"),
				Json.date(Json.text(paper, "publicationDate")), Json.integer(paper, "year"), Json.text(paper, "venue"),
				Json.texts(paper.get("fieldsOfStudy"), null), pdfUrl, Json.integer(paper, "citationCount"), false);
	}

}
