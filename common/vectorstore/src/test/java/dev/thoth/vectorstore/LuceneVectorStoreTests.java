package dev.thoth.vectorstore;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on the embedded store: a fresh database migrated by Flyway, no ChromaDB,
 * words and vectors in this process's Lucene index.
 */
@SpringBootTest(classes = VectorStoreTestApplication.class, properties = "thoth.search.index.enabled=true")
class LuceneVectorStoreTests extends VectorStoreContractTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Test
	void theEmbeddedStoreIsLucene() {
		assertThat(this.store).isInstanceOf(LuceneVectorStore.class);
		assertThat(this.store.name()).isEqualTo("lucene");
	}

	@Test
	void chunksHoldingMoreOfTheWordsComeFirstAndPartialMatchesFillTheRest() {
		Filter both = Filter.papers(this.ml, this.other);
		assertThat(this.store.lexical("water glucose", 1, both)).singleElement()
			.satisfies((hit) -> assertThat(hit.text()).startsWith("Photosynthesis"));
		assertThat(this.store.lexical("water dough", 5, both)).extracting(Hit::text)
			.hasSize(2)
			.anyMatch((text) -> text.startsWith("Photosynthesis"))
			.anyMatch((text) -> text.startsWith("Our bakery"));
		assertThat(this.store.lexical("water glucose dough", 5, both)).extracting(Hit::text)
			.containsExactly(this.store.lexical("water glucose", 1, both).getFirst().text(),
					this.store.lexical("dough", 1, both).getFirst().text());
	}

	@Test
	void semanticScoresAreCosineSimilarities() {
		float[] query = this.embedder.embed("How do plants turn light into sugar?");
		Hit best = this.store.semantic(query, 1, Filter.papers(this.other)).getFirst();
		float[] passage = this.embedder.embed(best.text());
		assertThat(best.score()).isCloseTo(Vectors.cosine(query, passage),
				org.assertj.core.api.Assertions.within(0.01));
	}

	@Test
	void hostileQueriesLeaveTheSchemaIntact() {
		hostileQueriesAreSearchedAsText();
		assertThat(this.jdbc.queryForObject("select count(*) from papers", Long.class)).isPositive();
	}

}
