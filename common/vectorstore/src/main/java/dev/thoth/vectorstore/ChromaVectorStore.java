package dev.thoth.vectorstore;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The vector store on a ChromaDB server (v2 HTTP API, tenant {@code default_tenant},
 * database {@code default_database}), one collection with cosine distance. Works with the
 * Rust server ({@code chroma run}) and the Python one (token auth); the token, when set,
 * goes as {@code Authorization: Bearer}. Calls go through the RestClient the platform
 * configures (timeouts, retries of idempotent calls, circuit breaker).
 * <p>
 * The collection is resolved on first use, so a service starts while ChromaDB is down
 * (health shows it DOWN); every failure is a {@link VectorStoreException} naming
 * ChromaDB, its address and the cause. There is no fallback to another store.
 * <p>
 * Lexical search: ChromaDB ranks documents only by vector distance. Its full-text filter,
 * {@code where_document} {@code $contains}, is a case-sensitive substring test without
 * ranking. So this store asks for the chunks that contain any of the query's words (as
 * written, lower-case and capitalised; {@code $or} of {@code $contains}), at most
 * {@value #LEXICAL_CANDIDATES}, and ranks them itself with BM25 over that candidate set
 * (term statistics of the candidates, not of the whole collection).
 */
public class ChromaVectorStore implements VectorStore {

	static final int LEXICAL_CANDIDATES = 300;

	private static final String BASE = "/api/v2/tenants/default_tenant/databases/default_database/collections";

	private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from",
			"has", "how", "in", "is", "it", "of", "on", "or", "that", "the", "to", "was", "what", "when", "which",
			"with", "do", "does", "can", "we", "our", "this", "these", "those", "not");

	private final RestClient client;

	private final String url;

	private final String collection;

	private volatile String collectionId;

	/**
	 * A store with the timeouts of {@code spring.http.clients.*} defaults (connect 2 s,
	 * read 30 s).
	 */
	public ChromaVectorStore(RestClient.Builder builder, String url, String token, String collection) {
		this(builder, null, url, token, collection);
	}

	/**
	 * @param builder the application's RestClient builder (cloned, not changed): its
	 * interceptors (retries, circuit breaker, request ids) apply
	 * @param settings connect and read timeouts (the application's
	 * {@code spring.http.clients.*}); null for 2 s and 30 s
	 * @param url the server, e.g. {@code http://localhost:8003}
	 * @param token sent as {@code Authorization: Bearer}; null or blank for none
	 * @param collection name of the collection, created when missing
	 */
	public ChromaVectorStore(RestClient.Builder builder, HttpClientSettings settings, String url, String token,
			String collection) {
		this.url = url.replaceAll("/+$", "");
		this.collection = collection;
		HttpClientSettings timeouts = ((settings != null) ? settings : HttpClientSettings.defaults())
			.orElse(new HttpClientSettings(null, Duration.ofSeconds(2), Duration.ofSeconds(30), null));
		// HTTP/1.1 only: the JDK client's h2c upgrade on http:// loses the request body
		// on
		// ChromaDB's Python server (uvicorn), which then answers 400.
		ClientHttpRequestFactory requests = ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((http) -> http.version(HttpClient.Version.HTTP_1_1))
			.build(timeouts);
		RestClient.Builder configured = builder.clone().requestFactory(requests).baseUrl(this.url);
		if (token != null && !token.isBlank()) {
			configured.defaultHeader("Authorization", "Bearer " + token);
		}
		this.client = configured.build();
	}

	@Override
	public String name() {
		return "chromadb";
	}

	/**
	 * Creates the collection if needed; fails with a clear message if ChromaDB cannot be
	 * used.
	 */
	public void verify() {
		collectionId();
	}

	@Override
	public void replace(UUID paperId, List<EmbeddedChunk> chunks) {
		Set<String> existing = call("list the chunks of paper " + paperId, () -> {
			JsonNode answer = post("/" + collectionId() + "/get",
					Map.of("where", Map.of("paper_id", paperId.toString()), "include", List.of()));
			Set<String> ids = new HashSet<>();
			answer.path("ids").forEach((id) -> ids.add(id.asString()));
			return ids;
		});
		if (!chunks.isEmpty()) {
			List<String> ids = new ArrayList<>();
			List<float[]> embeddings = new ArrayList<>();
			List<String> documents = new ArrayList<>();
			List<Map<String, Object>> metadatas = new ArrayList<>();
			for (EmbeddedChunk embedded : chunks) {
				Chunk chunk = embedded.chunk();
				if (!paperId.equals(chunk.paperId())) {
					throw new IllegalArgumentException("chunk " + chunk.id() + " belongs to another paper");
				}
				ids.add(chunk.id().toString());
				embeddings.add(Vectors.normalized(embedded.embedding()));
				documents.add(chunk.text());
				Map<String, Object> metadata = new LinkedHashMap<>();
				metadata.put("paper_id", paperId.toString());
				metadata.put("position", chunk.position());
				metadata.put("page", chunk.page());
				if (chunk.section() != null) {
					metadata.put("section", chunk.section());
				}
				metadatas.add(metadata);
			}
			call("store the chunks of paper " + paperId, () -> post("/" + collectionId() + "/upsert",
					Map.of("ids", ids, "embeddings", embeddings, "documents", documents, "metadatas", metadatas)));
			ids.forEach(existing::remove);
		}
		if (!existing.isEmpty()) {
			call("remove the old chunks of paper " + paperId,
					() -> post("/" + collectionId() + "/delete", Map.of("ids", List.copyOf(existing))));
		}
	}

	@Override
	public void delete(UUID paperId) {
		call("delete the chunks of paper " + paperId,
				() -> post("/" + collectionId() + "/delete", Map.of("where", Map.of("paper_id", paperId.toString()))));
	}

	@Override
	public long count() {
		return call("count the chunks",
				() -> this.client.get()
					.uri(BASE + "/" + collectionId() + "/count")
					.retrieve()
					.body(JsonNode.class)
					.asLong());
	}

	@Override
	public List<Hit> semantic(float[] query, int k, Filter filter) {
		Filter effective = Filter.orAny(filter);
		if (k <= 0 || effective.matchesNothing()) {
			return List.of();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query_embeddings", List.of(Vectors.normalized(query)));
		body.put("n_results", k);
		body.put("include", List.of("documents", "metadatas", "distances"));
		Map<String, Object> where = where(effective);
		if (where != null) {
			body.put("where", where);
		}
		JsonNode answer = call("search by meaning", () -> post("/" + collectionId() + "/query", body));
		JsonNode ids = answer.path("ids").path(0);
		JsonNode documents = answer.path("documents").path(0);
		JsonNode metadatas = answer.path("metadatas").path(0);
		JsonNode distances = answer.path("distances").path(0);
		List<Hit> hits = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			hits.add(hit(ids.path(i), documents.path(i), metadatas.path(i), 1.0 - distances.path(i).asDouble()));
		}
		return hits;
	}

	@Override
	public List<Hit> lexical(String query, int k, Filter filter) {
		Filter effective = Filter.orAny(filter);
		if (k <= 0 || effective.matchesNothing() || query == null) {
			return List.of();
		}
		List<String> terms = terms(query);
		if (terms.isEmpty()) {
			return List.of();
		}
		Set<String> needles = new LinkedHashSet<>();
		for (String term : terms) {
			needles.add(term);
			needles.add(Character.toUpperCase(term.charAt(0)) + term.substring(1));
			needles.add(term.toUpperCase(Locale.ROOT));
		}
		List<Map<String, Object>> contains = needles.stream()
			.map((needle) -> Map.<String, Object>of("$contains", needle))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("where_document", (contains.size() == 1) ? contains.get(0) : Map.of("$or", contains));
		Map<String, Object> where = where(effective);
		if (where != null) {
			body.put("where", where);
		}
		body.put("limit", LEXICAL_CANDIDATES);
		body.put("include", List.of("documents", "metadatas"));
		JsonNode answer = call("search by words", () -> post("/" + collectionId() + "/get", body));
		JsonNode ids = answer.path("ids");
		JsonNode documents = answer.path("documents");
		JsonNode metadatas = answer.path("metadatas");
		List<Hit> candidates = new ArrayList<>();
		List<List<String>> tokens = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			candidates.add(hit(ids.path(i), documents.path(i), metadatas.path(i), 0));
			tokens.add(tokens(documents.path(i).asString("")));
		}
		return Bm25.rank(terms, candidates, tokens, k);
	}

	private static List<String> terms(String query) {
		List<String> terms = new ArrayList<>();
		for (String word : tokens(query)) {
			if (word.length() >= 2 && !STOP_WORDS.contains(word) && !terms.contains(word) && terms.size() < 16) {
				terms.add(word);
			}
		}
		return terms;
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		for (String word : WORD_SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
			if (!word.isEmpty()) {
				tokens.add(word);
			}
		}
		return tokens;
	}

	private static Map<String, Object> where(Filter filter) {
		if (!filter.restricted()) {
			return null;
		}
		List<String> ids = filter.paperIds().stream().map(UUID::toString).sorted().toList();
		return (ids.size() == 1) ? Map.of("paper_id", ids.get(0)) : Map.of("paper_id", Map.of("$in", ids));
	}

	private static Hit hit(JsonNode id, JsonNode document, JsonNode metadata, double score) {
		JsonNode section = metadata.path("section");
		return new Hit(UUID.fromString(id.asString()), UUID.fromString(metadata.path("paper_id").asString()),
				metadata.path("page").asInt(0), section.isMissingNode() || section.isNull() ? null : section.asString(),
				document.asString(""), score);
	}

	private String collectionId() {
		String id = this.collectionId;
		if (id == null) {
			synchronized (this) {
				id = this.collectionId;
				if (id == null) {
					id = call("open collection " + this.collection, () -> {
						JsonNode answer = this.client.post()
							.uri(BASE)
							.contentType(MediaType.APPLICATION_JSON)
							.body(Map.of("name", this.collection, "get_or_create", true, "metadata",
									Map.of("hnsw:space", "cosine")))
							.retrieve()
							.body(JsonNode.class);
						String space = answer.path("metadata").path("hnsw:space").asString("");
						if (!space.isEmpty() && !"cosine".equals(space)) {
							throw new VectorStoreException("ChromaDB at " + this.url + ": collection " + this.collection
									+ " uses distance '" + space + "', not cosine; delete it or choose another name");
						}
						return answer.path("id").asString();
					});
					this.collectionId = id;
				}
			}
		}
		return id;
	}

	private JsonNode post(String path, Object body) {
		return this.client.post()
			.uri(BASE + path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class);
	}

	private <T> T call(String action, Supplier<T> request) {
		try {
			return request.get();
		}
		catch (VectorStoreException ex) {
			throw ex;
		}
		catch (HttpStatusCodeException ex) {
			int status = ex.getStatusCode().value();
			if (status == 401 || status == 403) {
				throw new VectorStoreException("ChromaDB at " + this.url + " refused to " + action + " (HTTP " + status
						+ "): check THOTH_CHROMADB_TOKEN", ex);
			}
			if (status == 404 && this.collectionId != null) {
				this.collectionId = null; // the collection was deleted: open it again
											// next time
			}
			throw new VectorStoreException("ChromaDB at " + this.url + " failed to " + action + " (HTTP " + status
					+ "): " + ex.getResponseBodyAsString(), ex);
		}
		catch (RestClientException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new VectorStoreException(
					"ChromaDB at " + this.url + " is unreachable (could not " + action + "): " + cause.getMessage(),
					ex);
		}
	}

	/** BM25 (k1 = 1.2, b = 0.75) over a candidate set. */
	static final class Bm25 {

		private Bm25() {
		}

		static List<Hit> rank(List<String> terms, List<Hit> candidates, List<List<String>> tokens, int k) {
			int n = candidates.size();
			if (n == 0) {
				return List.of();
			}
			double averageLength = tokens.stream().mapToInt(List::size).average().orElse(1);
			Map<String, Integer> documentFrequency = new HashMap<>();
			List<Map<String, Integer>> frequencies = new ArrayList<>();
			for (List<String> document : tokens) {
				Map<String, Integer> frequency = new HashMap<>();
				for (String token : document) {
					if (terms.contains(token)) {
						frequency.merge(token, 1, Integer::sum);
					}
				}
				frequency.keySet().forEach((term) -> documentFrequency.merge(term, 1, Integer::sum));
				frequencies.add(frequency);
			}
			List<Hit> scored = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				double score = 0;
				for (String term : terms) {
					int tf = frequencies.get(i).getOrDefault(term, 0);
					if (tf == 0) {
						continue;
					}
					int df = documentFrequency.get(term);
					double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
					score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * tokens.get(i).size() / averageLength));
				}
				if (score > 0) {
					Hit hit = candidates.get(i);
					scored.add(new Hit(hit.chunkId(), hit.paperId(), hit.page(), hit.section(), hit.text(), score));
				}
			}
			scored.sort((a, b) -> Double.compare(b.score(), a.score()));
			return (scored.size() > k) ? List.copyOf(scored.subList(0, k)) : scored;
		}

	}

}
