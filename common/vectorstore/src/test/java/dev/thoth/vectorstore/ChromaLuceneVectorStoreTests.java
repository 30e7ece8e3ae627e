package dev.thoth.vectorstore;

import java.util.List;
import java.util.UUID;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on ChromaDB's Rust server (no authentication) for vectors, with this
 * process's Lucene index (words only) for words.
 */
@SpringBootTest(classes = VectorStoreTestApplication.class, properties = "thoth.search.index.enabled=true")
class ChromaLuceneVectorStoreTests extends VectorStoreContractTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
		registry.add("THOTH_CHROMADB_URL", TestServers::chromadbUrl);
		registry.add("thoth.vectorstore.collection", () -> "test_" + System.nanoTime());
	}

	@Autowired
	RestClient.Builder restClients;

	@Value("${thoth.vectorstore.collection}")
	String collection;

	@Test
	void aConfiguredChromaDbIsUsed() {
		assertThat(this.store).isInstanceOf(ChromaLuceneVectorStore.class);
		assertThat(this.store.name()).isEqualTo("chromadb+lucene");
	}

	@Test
	void aPassageChromaDbHoldsButTheIndexDoesNotIsLeftOut() {
		// As after a paper was removed while ChromaDB was unreachable: ChromaDB still
		// holds its passage, PostgreSQL and so the index do not. The passage is this
		// test's own: earlier tests' papers stay in the class's database and collection,
		// and more than ten equal passages would tie in ChromaDB's order.
		UUID kept = UUID.randomUUID();
		UUID stray = UUID.randomUUID();
		String tuning = "Before the symphony the violinist tuned the A string against the oboe, then the lower strings.";
		paperExists(kept, "Orchestral practice", 2020);
		this.store.replace(kept, embedded(kept, List.of(tuning)));
		new ChromaVectorStore(this.restClients, TestServers.chromadbUrl(), null, this.collection).replace(stray,
				embedded(stray, List.of(tuning)));
		float[] query = this.embedder.embed(tuning);

		List<Hit> hits = this.store.semantic(query, 10, Filter.any());
		List<Hit> candidates = this.store.semanticCandidates(query, 10, Filter.any());

		assertThat(hits).extracting(Hit::paperId).contains(kept).doesNotContain(stray);
		assertThat(hits.get(0).paperId()).isEqualTo(kept);
		assertThat(hits.get(0).text()).isEqualTo(tuning);
		assertThat(candidates).extracting(Hit::chunkId)
			.containsExactlyElementsOf(hits.stream().map(Hit::chunkId).toList());
	}

	@Test
	void anUnreachableChromaDbIsAClearErrorNotAFallback() {
		ChromaVectorStore unreachable = new ChromaVectorStore(this.restClients, "http://127.0.0.1:9", null,
				"test_unreachable");
		assertThatThrownBy(unreachable::count).isInstanceOf(VectorStoreException.class)
			.hasMessageContaining("ChromaDB at http://127.0.0.1:9 is unreachable");
		assertThatThrownBy(() -> unreachable.nearest(new float[384], 1, null)).hasMessageContaining("ChromaDB");
	}

}
