package dev.thoth.vectorstore;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
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
 * Vectors only: ChromaDB ranks by vector distance, and its full-text filter
 * ({@code $contains}) is a substring test without ranking, so words are searched in the
 * API's Lucene index ({@link ChromaLuceneVectorStore}).
 */
public class ChromaVectorStore implements ChunkWriter, MeterBinder {

	private static final String BASE = "/api/v2/tenants/default_tenant/databases/default_database/collections";

	private static final Log log = LogFactory.getLog(ChromaVectorStore.class);

	/**
	 * ChromaDB's HNSW as the embedded index builds and searches its graph
	 * (LuceneChunkIndex): 32 neighbours, a build beam of 400 and a search beam of 240.
	 * ChromaDB's graph defaults (16 neighbours, build beam 100) are Lucene's: such a
	 * graph of the benchmark's 100k passages found 0.77 of the exact ten nearest with a
	 * search beam of 160 (LuceneChunkIndex#GRAPH_NEIGHBOURS); ChromaDB searches with 100.
	 */
	static final int NEIGHBOURS = 32;

	static final int BUILD_BEAM = 400;

	static final int SEARCH_BEAM = 240;

	private static final Map<String, Object> GRAPH = Map.of("hnsw:space", "cosine", "hnsw:M", NEIGHBOURS,
			"hnsw:construction_ef", BUILD_BEAM, "hnsw:search_ef", SEARCH_BEAM);

	/**
	 * Calls of searches by meaning of one shape ({@code k} and papers) out at once;
	 * searches of that shape made meanwhile wait and go out together
	 * ({@link QueryBatcher}). ChromaDB spends about 3 ms of CPU on a query call whatever
	 * it holds and about 1.2 ms on each embedding in it: one query alone costs it 3 to 6
	 * ms, eight in a call under 2 ms each (bench/results/chromadb-query-cost.md). One
	 * call at a time makes the larger batches: two at a time was slower from 8 clients at
	 * 100k passages (bench/results/search-latency-compose.md). A lone search still goes
	 * out at once.
	 */
	static final int QUERIES_IN_FLIGHT = 1;

	/** Most embeddings in one call: past 16 a call saves little more. */
	public static final int QUERIES_PER_CALL = 16;

	/** Queries in each call of searches by meaning, once bound to a registry. */
	private volatile DistributionSummary queriesPerCall;

	private final RestClient client;

	private final QueryBatcher<QueryShape, float[], Map<UUID, Double>> queries;

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
		// A query may wait for the call out before it and then for its own; under a
		// longer backlog it fails rather than wait more.
		Duration oneCall = timeouts.connectTimeout().plus(timeouts.readTimeout());
		this.queries = new QueryBatcher<>(this::nearest, QUERIES_IN_FLIGHT, QUERIES_PER_CALL,
				oneCall.multipliedBy(2).plusSeconds(5));
	}

	/**
	 * How the searches by meaning share calls: the searches waiting for one, and the
	 * queries each call carried (an operator reads how well batching works, and a queue
	 * that grows, from these).
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("thoth.search.chromadb.waiting", this.queries, QueryBatcher::waitingCount)
			.description("Searches by meaning waiting for a call to ChromaDB")
			.register(registry);
		this.queriesPerCall = DistributionSummary.builder("thoth.search.chromadb.queries.per.call")
			.description("Searches by meaning sent to ChromaDB in one query call")
			.register(registry);
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

	/** How many chunks the collection holds. */
	public long count() {
		return call("count the chunks",
				() -> this.client.get()
					.uri(BASE + "/" + collectionId() + "/count")
					.retrieve()
					.body(JsonNode.class)
					.asLong());
	}

	/**
	 * The {@code k} chunks nearest to the query by cosine, best first (in the map's
	 * order), of the given papers ({@code null}: of any paper): each chunk's id and
	 * cosine. Asking ChromaDB for the documents and metadata too would have it read and
	 * send every hit's record (40 of them for a hybrid search), which the search index
	 * already holds. Searches made at the same time with the same {@code k} and papers
	 * may share one call ({@link #QUERIES_IN_FLIGHT}).
	 */
	public Map<UUID, Double> nearest(float[] query, int k, Set<UUID> paperIds) {
		if (k <= 0 || (paperIds != null && paperIds.isEmpty())) {
			return Map.of();
		}
		return this.queries.query(new QueryShape(k, where(paperIds)), Vectors.normalized(query));
	}

	/** Several queries of one shape in one call; answers in the queries' order. */
	private List<Map<UUID, Double>> nearest(QueryShape shape, List<float[]> queries) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query_embeddings", queries);
		body.put("n_results", shape.k());
		body.put("include", List.of("distances"));
		if (shape.where() != null) {
			body.put("where", shape.where());
		}
		DistributionSummary perCall = this.queriesPerCall;
		if (perCall != null) {
			perCall.record(queries.size());
		}
		JsonNode answer = call("search by meaning", () -> post("/" + collectionId() + "/query", body));
		if (answer.path("ids").size() != queries.size() || answer.path("distances").size() != queries.size()) {
			throw new VectorStoreException("ChromaDB at " + this.url + " answered " + answer.path("ids").size() + " of "
					+ queries.size() + " searches by meaning in one call");
		}
		List<Map<UUID, Double>> answers = new ArrayList<>(queries.size());
		for (int q = 0; q < queries.size(); q++) {
			JsonNode ids = answer.path("ids").path(q);
			JsonNode distances = answer.path("distances").path(q);
			Map<UUID, Double> nearest = new LinkedHashMap<>();
			for (int i = 0; i < ids.size(); i++) {
				nearest.put(UUID.fromString(ids.path(i).asString()), 1.0 - distances.path(i).asDouble());
			}
			answers.add(nearest);
		}
		return answers;
	}

	private static Map<String, Object> where(Set<UUID> paperIds) {
		if (paperIds == null) {
			return null;
		}
		List<String> ids = paperIds.stream().map(UUID::toString).sorted().toList();
		return (ids.size() == 1) ? Map.of("paper_id", ids.get(0)) : Map.of("paper_id", Map.of("$in", ids));
	}

	/**
	 * What queries share to go in one call: the neighbours wanted and the paper filter.
	 */
	private record QueryShape(int k, Map<String, Object> where) {
	}

	private String collectionId() {
		String id = this.collectionId;
		if (id == null) {
			synchronized (this) {
				id = this.collectionId;
				if (id == null) {
					id = call("open collection " + this.collection, () -> {
						// Made with the graph's settings only when it is new: ChromaDB
						// 0.x
						// would rewrite an existing collection's metadata to match.
						JsonNode answer = existingCollection();
						if (answer == null) {
							answer = this.client.post()
								.uri(BASE)
								.contentType(MediaType.APPLICATION_JSON)
								.body(Map.of("name", this.collection, "get_or_create", true, "metadata", GRAPH))
								.retrieve()
								.body(JsonNode.class);
						}
						String space = answer.path("metadata").path("hnsw:space").asString("");
						if (!space.isEmpty() && !"cosine".equals(space)) {
							throw new VectorStoreException("ChromaDB at " + this.url + ": collection " + this.collection
									+ " uses distance '" + space + "', not cosine; delete it or choose another name");
						}
						String opened = answer.path("id").asString();
						widenSearch(opened, answer.path("configuration_json").path("hnsw").path("ef_search"));
						return opened;
					});
					this.collectionId = id;
				}
			}
		}
		return id;
	}

	/** The collection as ChromaDB describes it; null when it answers 4xx (missing). */
	private JsonNode existingCollection() {
		try {
			return this.client.get().uri(BASE + "/{name}", this.collection).retrieve().body(JsonNode.class);
		}
		catch (HttpClientErrorException ex) {
			// Missing (404, or 400 on some 0.x servers). A refused token fails again,
			// and is reported, when the collection is made.
			return null;
		}
	}

	/**
	 * A collection made before its search beam was set (ChromaDB's default is 100) gets
	 * {@link #SEARCH_BEAM}: the one search setting ChromaDB 1.x lets a collection change
	 * (0.x servers report no {@code configuration_json.hnsw}, and are left as they are).
	 * Searches still work when ChromaDB refuses, with its beam: a warning says so.
	 */
	private void widenSearch(String id, JsonNode beam) {
		if (!beam.isNumber() || beam.asInt() >= SEARCH_BEAM) {
			return;
		}
		try {
			this.client.put()
				.uri(BASE + "/" + id)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("new_configuration", Map.of("hnsw", Map.of("ef_search", SEARCH_BEAM))))
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			log.warn("ChromaDB at " + this.url + ": collection " + this.collection + " searches with a beam of "
					+ beam.asInt() + ", not " + SEARCH_BEAM + "; it refused the change: " + ex.getMessage());
		}
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

}
