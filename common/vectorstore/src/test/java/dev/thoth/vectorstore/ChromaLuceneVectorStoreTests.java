package dev.thoth.vectorstore;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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

	@Test
	void aConfiguredChromaDbIsUsed() {
		assertThat(this.store).isInstanceOf(ChromaLuceneVectorStore.class);
		assertThat(this.store.name()).isEqualTo("chromadb+lucene");
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
