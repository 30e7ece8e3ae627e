package dev.thoth.agent.memory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every memory store must do, as the agent and the researcher see it through
 * {@link Memory}: the built-in store and the Letta store each run these on a fresh
 * PostgreSQL database (the history and the conversations are there for both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MemoryContract {

	/** Loaded once for every contract class: the model takes a moment to load. */
	protected static final Embedder embedder = new Embedder(1);

	/** A smaller limit for one block, to see per-block limits apply. */
	protected static final MemoryProperties properties = new MemoryProperties(400, Map.of("human", 120),
			new MemoryProperties.Letta("thoth-contract", "", ""));

	protected final JdbcClient jdbc;

	protected final TransactionTemplate transactions;

	protected Memory memory;

	protected MemoryContract() {
		TestServers.Postgres database = TestServers.postgres().freshDatabase();
		Flyway.configure()
			.dataSource(database.url(), database.user(), database.password())
			.schemas("agent")
			.defaultSchema("agent")
			.table("flyway_agent_history")
			.locations("classpath:db/agent")
			.load()
			.migrate();
		String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=agent";
		DataSource dataSource = new DriverManagerDataSource(url, database.user(), database.password());
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/** The store under test, empty. */
	protected abstract MemoryStore newStore();

	@BeforeEach
	void emptyMemory() {
		this.jdbc.sql("truncate memory_edits, sessions cascade").update();
		this.memory = new Memory(newStore(), this.jdbc, this.transactions, properties);
	}

	@Test
	void blocksStartEmptyInOrderWithTheirLimits() {
		assertThat(this.memory.blocks()).containsExactly(new MemoryBlock("human", "", 120),
				new MemoryBlock("persona", "", 400), new MemoryBlock("research_focus", "", 400),
				new MemoryBlock("key_findings", "", 400));
		assertThat(this.memory.history(0, 10)).isEmpty();
	}

	@Test
	void blocksAreSetAppendedReplacedAndInsertedInto() {
		this.memory.set("research_focus", "CAM photosynthesis in succulents", "api");
		this.memory.append("research_focus", "Stomata that open at night", "tool");
		this.memory.replace("research_focus", "succulents", "Agave and Opuntia", "tool");
		this.memory.insert("research_focus", "Focus since 2026:", 0, "tool");
		this.memory.insert("research_focus", "Water-use efficiency", null, "tool");
		this.memory.insert("research_focus", "(both genera)", 2, "tool");
		assertThat(this.memory.block("research_focus").value()).isEqualTo("""
				Focus since 2026:
				CAM photosynthesis in Agave and Opuntia
				(both genera)
				Stomata that open at night
				Water-use efficiency""");
		assertThat(this.memory.blocks()).filteredOn((block) -> block.label().equals("research_focus"))
			.singleElement()
			.satisfies((block) -> assertThat(block.value()).startsWith("Focus since 2026:"));
		List<MemoryEdit> history = this.memory.history(0, 10);
		assertThat(history).extracting(MemoryEdit::kind)
			.containsExactly("block_insert", "block_insert", "block_insert", "block_replace", "block_append",
					"block_set");
		assertThat(history.getLast().source()).isEqualTo("api");
		assertThat(history.getLast().before()).isEmpty();
		assertThat(history.getFirst().after()).isEqualTo(this.memory.block("research_focus").value());
		assertThat(this.memory.promptSection()).contains("<research_focus chars=\"")
			.contains("Stomata that open at night")
			.contains("<human chars=\"0/120\">");
	}

	@Test
	void anEditOverTheLimitIsRefusedAndLosesNothing() {
		this.memory.set("human", "Dr. Ada Okafor, plant physiologist", "api");
		assertThatThrownBy(() -> this.memory.append("human", "x".repeat(100), "tool"))
			.isInstanceOfSatisfying(MemoryException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getMessage()).contains("'human'").contains("over its limit of 120");
			});
		assertThatThrownBy(() -> this.memory.set("persona", "y".repeat(401), "api"))
			.isInstanceOf(MemoryException.class);
		assertThat(this.memory.block("human").value()).isEqualTo("Dr. Ada Okafor, plant physiologist");
		assertThat(this.memory.block("persona").value()).isEmpty();
		assertThat(this.memory.historySize()).isEqualTo(1);
	}

	@Test
	void badEditsNameWhatIsWrong() {
		assertThatThrownBy(() -> this.memory.append("hobbies", "chess", "tool"))
			.isInstanceOfSatisfying(MemoryException.class, (ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(ex.getMessage()).contains("'hobbies'")
					.contains("human, persona, research_focus, key_findings");
			});
		this.memory.set("key_findings", "CAM plants fix CO2 at night. CAM plants lose less water.", "api");
		assertThatThrownBy(() -> this.memory.replace("key_findings", "CAM plants", "Succulents", "tool"))
			.hasMessageContaining("more than once");
		assertThatThrownBy(() -> this.memory.replace("key_findings", "C4 grasses", "Maize", "tool"))
			.hasMessageContaining("not found");
		assertThatThrownBy(() -> this.memory.append("key_findings", "  ", "tool")).hasMessageContaining("text");
		assertThatThrownBy(() -> this.memory.insert("key_findings", "x", -1, "tool")).hasMessageContaining("line");
		assertThat(this.memory.block("key_findings").value())
			.isEqualTo("CAM plants fix CO2 at night. CAM plants lose less water.");
		assertThat(this.memory.historySize()).isEqualTo(1);
	}

	@Test
	void archivalPassagesAreFoundByMeaningAndDeleted() {
		MemoryEdit stomata = this.memory.archive(
				"Succulents open their stomata at night to take up carbon dioxide while losing little water.", "tool");
		this.memory.archive("The researcher prefers citations in APA style with page numbers.", "tool");
		this.memory.archive("Transformer language models are trained on large text corpora.", "tool");
		assertThat(stomata.kind()).isEqualTo("archival_insert");
		assertThat(stomata.passageId()).isNotBlank();

		List<ArchivedPassage> found = this.memory
			.search("when do desert plants breathe in CO2", Memory.Scope.ARCHIVAL, 2)
			.passages();
		assertThat(found).hasSize(2);
		assertThat(found.getFirst().id()).isEqualTo(stomata.passageId());
		assertThat(found.getFirst().text()).startsWith("Succulents open their stomata");
		assertThat(this.memory.search("how should references be formatted", Memory.Scope.ARCHIVAL, 1).passages())
			.singleElement()
			.satisfies((passage) -> assertThat(passage.text()).contains("APA style"));
		assertThat(this.memory.passages(10)).hasSize(3);

		MemoryEdit forgotten = this.memory.forget(stomata.passageId(), "api");
		assertThat(forgotten.kind()).isEqualTo("archival_delete");
		assertThat(forgotten.before()).startsWith("Succulents open their stomata");
		assertThat(this.memory.search("when do desert plants breathe in CO2", Memory.Scope.ARCHIVAL, 5).passages())
			.extracting(ArchivedPassage::id)
			.doesNotContain(stomata.passageId());
		assertThatThrownBy(() -> this.memory.forget(stomata.passageId(), "api")).isInstanceOfSatisfying(
				MemoryException.class, (ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
	}

	@Test
	void aBlockEditIsRevertedAndTheRevertToo() {
		this.memory.set("research_focus", "Stomatal conductance", "api");
		MemoryEdit appended = this.memory.append("research_focus", "Night-time CO2 uptake", "tool");
		MemoryEdit reverted = this.memory.revert(appended.id());
		assertThat(this.memory.block("research_focus").value()).isEqualTo("Stomatal conductance");
		assertThat(reverted.reverts()).isEqualTo(appended.id());
		assertThat(reverted.source()).isEqualTo("revert");
		assertThat(this.memory.history(0, 10).get(1).revertedBy()).isEqualTo(reverted.id());

		assertThatThrownBy(() -> this.memory.revert(appended.id())).isInstanceOfSatisfying(MemoryException.class,
				(ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
					assertThat(ex.getMessage()).contains(reverted.id().toString());
				});
		this.memory.revert(reverted.id());
		assertThat(this.memory.block("research_focus").value())
			.isEqualTo("Stomatal conductance\nNight-time CO2 uptake");

		UUID unknown = UUID.randomUUID();
		assertThatThrownBy(() -> this.memory.revert(unknown)).isInstanceOfSatisfying(MemoryException.class,
				(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
		assertThat(this.memory.history(0, 2)).hasSize(2);
		assertThat(this.memory.history(1, 2)).hasSize(2);
		assertThat(this.memory.historySize()).isEqualTo(4);
	}

	@Test
	void archivalEditsAreRevertedToo() {
		MemoryEdit stored = this.memory.archive("Opuntia ficus-indica keeps its stomata closed by day.", "tool");
		this.memory.revert(stored.id());
		assertThat(this.memory.passages(10)).isEmpty();

		MemoryEdit kept = this.memory.archive("Agave americana flowers once, after decades.", "tool");
		MemoryEdit forgotten = this.memory.forget(kept.passageId(), "api");
		MemoryEdit restored = this.memory.revert(forgotten.id());
		assertThat(restored.kind()).isEqualTo("archival_insert");
		assertThat(this.memory.search("which plant blooms a single time", Memory.Scope.ARCHIVAL, 1).passages())
			.singleElement()
			.satisfies((passage) -> {
				assertThat(passage.text()).isEqualTo("Agave americana flowers once, after decades.");
				assertThat(passage.id()).isEqualTo(restored.passageId());
			});
	}

	@Test
	void pastConversationsAreRecalledByTheirWords() {
		UUID session = UUID.randomUUID();
		this.jdbc.sql("insert into sessions (id, title) values (?, 'Night-time gas exchange')").param(session).update();
		this.jdbc.sql("insert into messages (id, session_id, position, role, content) values (?, ?, 0, 'user', ?)")
			.params(UUID.randomUUID(), session, "Why do cacti open their stomata only at night?")
			.update();
		this.jdbc.sql("insert into messages (id, session_id, position, role, content) values (?, ?, 1, 'assistant', ?)")
			.params(UUID.randomUUID(), session, "Opening stomata in the cool night saves water [1].")
			.update();
		this.jdbc.sql("insert into messages (id, session_id, position, role, content) values (?, ?, 2, 'tool', ?)")
			.params(UUID.randomUUID(), session, "stomata passages from search_papers")
			.update();

		Memory.SearchResult found = this.memory.search("opened stomata", Memory.Scope.CONVERSATIONS, 5);
		assertThat(found.passages()).isEmpty();
		assertThat(found.messages()).hasSize(2).allSatisfy((hit) -> {
			assertThat(hit.sessionId()).isEqualTo(session);
			assertThat(hit.sessionTitle()).isEqualTo("Night-time gas exchange");
			assertThat(hit.role()).isIn("user", "assistant");
		});
		assertThat(this.memory.search("stomata", Memory.Scope.ARCHIVAL, 5).messages()).isEmpty();
		assertThat(this.memory.search("photosynthetic enzymes", Memory.Scope.ALL, 5).messages()).isEmpty();
	}

}
