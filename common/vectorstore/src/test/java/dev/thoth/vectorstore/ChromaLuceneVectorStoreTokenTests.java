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
		assertThatThrownBy(() -> none.semantic(new float[384], 1, null)).hasMessageContaining("THOTH_CHROMADB_TOKEN");
	}

}
