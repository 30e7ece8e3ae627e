package dev.thoth.vectorstore;

import java.util.Map;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on ChromaDB's Python server, which enforces a bearer token. */
@SpringBootTest(classes = VectorStoreTestApplication.class, properties = "thoth.search.index.enabled=true")
class ChromaLuceneVectorStoreTokenTests extends VectorStoreContractTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
		registry.add("THOTH_CHROMADB_URL", TestServers::chromadbAuthUrl);
		registry.add("THOTH_CHROMADB_TOKEN", TestServers::chromadbToken);
		registry.add("thoth.vectorstore.collection", () -> "test_" + System.nanoTime());
	}

	@Autowired
	RestClient.Builder restClients;

	@Test
	void theTokenIsSent() {
		assertThat(this.store).isInstanceOf(ChromaLuceneVectorStore.class);
		assertThat(this.store.count()).isPositive();
	}

	@Test
	void aWrongTokenIsAClearError() {
		ChromaVectorStore wrong = new ChromaVectorStore(this.restClients, TestServers.chromadbAuthUrl(),
				"not-the-token", "test_wrong_token");
		assertThatThrownBy(wrong::count).isInstanceOf(VectorStoreException.class)
			.hasMessageContaining("ChromaDB at " + TestServers.chromadbAuthUrl())
			.hasMessageContaining("THOTH_CHROMADB_TOKEN");
		ChromaVectorStore none = new ChromaVectorStore(this.restClients, TestServers.chromadbAuthUrl(), null,
				"test_no_token");
		assertThatThrownBy(() -> none.nearest(new float[384], 1, null)).hasMessageContaining("THOTH_CHROMADB_TOKEN");
	}

	@Test
	void aNewCollectionGetsTheGraphTheEmbeddedIndexBuilds() {
		String name = "test_graph_" + System.nanoTime();
		new ChromaVectorStore(this.restClients, TestServers.chromadbAuthUrl(), TestServers.chromadbToken(), name)
			.verify();
		JsonNode graph = collection(name).path("configuration_json").path("hnsw");
		assertThat(graph.path("max_neighbors").asInt()).isEqualTo(ChromaVectorStore.NEIGHBOURS);
		assertThat(graph.path("ef_construction").asInt()).isEqualTo(ChromaVectorStore.BUILD_BEAM);
		assertThat(graph.path("ef_search").asInt()).isEqualTo(ChromaVectorStore.SEARCH_BEAM);
		assertThat(graph.path("space").asString()).isEqualTo("cosine");
	}

	@Test
	void aCollectionMadeWithChromaDbsDefaultsSearchesWithTheWiderBeam() {
		String name = "test_defaults_" + System.nanoTime();
		chroma().post()
			.uri(COLLECTIONS)
			.body(Map.of("name", name, "metadata", Map.of("hnsw:space", "cosine")))
			.retrieve()
			.toBodilessEntity();
		assertThat(collection(name).path("configuration_json").path("hnsw").path("ef_search").asInt()).isEqualTo(100);
		new ChromaVectorStore(this.restClients, TestServers.chromadbAuthUrl(), TestServers.chromadbToken(), name)
			.verify();
		JsonNode graph = collection(name).path("configuration_json").path("hnsw");
		assertThat(graph.path("ef_search").asInt()).isEqualTo(ChromaVectorStore.SEARCH_BEAM);
		// The graph's shape is fixed when it is made.
		assertThat(graph.path("max_neighbors").asInt()).isEqualTo(16);
	}

	private static final String COLLECTIONS = "/api/v2/tenants/default_tenant/databases/default_database/collections";

	private RestClient chroma() {
		// HTTP/1.1 (HttpURLConnection): ChromaDB's Python server refuses the JDK client's
		// h2c upgrade.
		return RestClient.builder()
			.requestFactory(new SimpleClientHttpRequestFactory())
			.baseUrl(TestServers.chromadbAuthUrl())
			.defaultHeader("Authorization", "Bearer " + TestServers.chromadbToken())
			.defaultHeader("Content-Type", "application/json")
			.build();
	}

	private JsonNode collection(String name) {
		return chroma().get().uri(COLLECTIONS + "/" + name).retrieve().body(JsonNode.class);
	}

}
