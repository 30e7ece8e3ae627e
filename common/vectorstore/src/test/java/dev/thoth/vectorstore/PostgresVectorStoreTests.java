package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The contract on PostgreSQL: a fresh database migrated by Flyway, no ChromaDB
 * configured.
 */
@SpringBootTest(classes = VectorStoreTestApplication.class)
class PostgresVectorStoreTests extends VectorStoreContractTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	JdbcTemplate jdbc;

	@Override
	void paperExists(UUID paperId) {
		this.jdbc.update("insert into papers (id, content_sha256, status) values (?, ?, 'READY')", paperId,
				(paperId.toString().replace("-", "") + "0".repeat(32)).substring(0, 64));
	}

	@Test
	void theEmbeddedStoreIsPostgres() {
		assertThat(this.store).isInstanceOf(PostgresVectorStore.class);
		assertThat(this.store.name()).isEqualTo("postgres");
	}

	@Test
	void chunksHoldingEveryWordComeFirstAndPartialMatchesFillTheRest() {
		Filter both = Filter.papers(this.ml, this.other);
		// One chunk holds both words: enough for k = 1, the partial matches are not
		// needed.
		assertThat(this.store.lexical("water glucose", 1, both)).singleElement()
			.satisfies((hit) -> assertThat(hit.text()).startsWith("Photosynthesis"))
			.satisfies((hit) -> assertThat(hit.score()).isGreaterThanOrEqualTo(1));
		// Fewer complete matches than asked for: chunks with some of the words follow.
		assertThat(this.store.lexical("water dough", 5, both)).extracting(Hit::text)
			.hasSize(2)
			.anyMatch((text) -> text.startsWith("Photosynthesis"))
			.anyMatch((text) -> text.startsWith("Our bakery"));
		assertThat(this.store.lexical("water glucose dough", 5, both)).extracting(Hit::text)
			.containsExactly(this.store.lexical("water glucose", 1, both).getFirst().text(),
					this.store.lexical("dough", 1, both).getFirst().text());
		// A negated word never turns the complete-match step into "everything else".
		assertThat(this.store.lexical("-zeppelin", 5, both)).isEmpty();
	}

	@Test
	void deletingAPaperDeletesItsChunksAndSearchSeesIt() {
		assertThat(semantic("plants", 10, Filter.papers(this.other))).hasSize(3);
		this.jdbc.update("delete from papers where id = ?", this.other);
		assertThat(this.jdbc.queryForObject("select count(*) from paper_chunks where paper_id = ?", Long.class,
				this.other))
			.isZero();
		assertThat(semantic("plants", 10, Filter.papers(this.other))).isEmpty();
	}

	@Test
	void aWriterInAnotherProcessIsSeenByTheCache() {
		assertThat(semantic("plants", 10, Filter.papers(this.ml))).hasSize(2);
		// Another service writes directly: the next search sees the change.
		this.jdbc.update("delete from paper_chunks where paper_id = ? and position = 1", this.ml);
		assertThat(semantic("plants", 10, Filter.papers(this.ml))).hasSize(1);
	}

	@Test
	void aLibraryOfSeveralBlocksIsScannedWhole() {
		// 2,500 passages: two full blocks of 1,024 rows and a part of a third.
		UUID big = UUID.randomUUID();
		paperExists(big);
		Random random = new Random(3);
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int position = 0; position < 2_500; position++) {
			float[] vector = new float[384];
			for (int i = 0; i < vector.length; i++) {
				vector[i] = (float) random.nextGaussian();
			}
			chunks.add(new EmbeddedChunk(
					new Chunk(UUID.randomUUID(), big, position, 1, "Results", "Passage " + position), vector));
		}
		this.store.replace(big, chunks);
		for (int position : new int[] { 0, 1_023, 1_024, 2_047, 2_048, 2_499 }) {
			float[] itself = chunks.get(position).embedding();
			assertThat(this.store.semantic(itself, 1, Filter.papers(big))).singleElement()
				.satisfies((hit) -> assertThat(hit.text()).isEqualTo("Passage " + position))
				.satisfies((hit) -> assertThat(hit.score()).isCloseTo(1.0, within(1e-5)));
		}
		assertThat(this.store.semantic(chunks.get(7).embedding(), 3_000, Filter.papers(big))).hasSize(2_500);
		this.store.delete(big);
		this.jdbc.update("delete from papers where id = ?", big);
	}

	@Test
	void hostileQueriesLeaveTheSchemaIntact() {
		hostileQueriesAreSearchedAsText();
		assertThat(this.jdbc.queryForObject("select count(*) from papers", Long.class)).isPositive();
	}

}
