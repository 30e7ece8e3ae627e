package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The contract on ChromaDB's Rust server (no authentication) for vectors, with this
 * process's Lucene index (words only) for words.
 */
@SpringBootTest(classes = VectorStoreTestApplication.class, properties = "thoth.search.index.enabled=true")
class ChromaLuceneVectorStoreTests extends VectorStoreContractTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	/**
	 * One name for the class: a supplier that made a new one would give the store and the
	 * tests' own clients different collections.
	 */
	static final String COLLECTION = "test_" + System.nanoTime();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
		registry.add("THOTH_CHROMADB_URL", TestServers::chromadbUrl);
		registry.add("thoth.vectorstore.collection", () -> COLLECTION);
	}

	@Autowired
	RestClient.Builder restClients;

	@Value("${thoth.vectorstore.collection}")
	String collection;

	@Autowired
	MeterRegistry meters;

	@Test
	void aConfiguredChromaDbIsUsed() {
		assertThat(this.store).isInstanceOf(ChromaLuceneVectorStore.class);
		assertThat(this.store.name()).isEqualTo("chromadb+lucene");
	}

	@Test
	void theApplicationsMetricsShowHowSearchesByMeaningShareCalls() {
		this.store.semantic(this.embedder.embed("what the gauges count"), 5, Filter.any());

		assertThat(this.meters.get("thoth.search.chromadb.waiting").gauge().value()).isZero();
		assertThat(this.meters.get("thoth.search.chromadb.queries.per.call").summary().count()).isPositive();
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
	void searchesAtTheSameTimeEachGetTheirOwnAnswer() throws Exception {
		// ChromaDB gets the searches that wait together in one call (QueryBatcher); each
		// must get the answer it gets alone, whichever call carried it, filtered or not.
		UUID paper = UUID.randomUUID();
		List<String> passages = List.of("Glaciers carve U-shaped valleys as the ice grinds the bedrock beneath it.",
				"The enzyme's active site binds the substrate and lowers the activation energy.",
				"A binary search halves the sorted interval at every comparison.",
				"Sourdough rises because wild yeast and lactic bacteria ferment the dough.",
				"The central bank raised interest rates to slow inflation.",
				"Sea turtles navigate across oceans using the Earth's magnetic field.");
		paperExists(paper, "Six unrelated passages", 2021);
		this.store.replace(paper, embedded(paper, passages));
		// Another paper's near copy of the first passage: the search filtered to the
		// first paper must leave it out, and the same search unfiltered find it.
		UUID other = UUID.randomUUID();
		paperExists(other, "Glaciology", 2022);
		List<EmbeddedChunk> copy = embedded(other,
				List.of("Glaciers carve U-shaped valleys as their ice grinds the bedrock beneath them."));
		this.store.replace(other, copy);
		UUID copyId = copy.get(0).chunk().id();
		ChromaVectorStore chroma = new ChromaVectorStore(this.restClients, TestServers.chromadbUrl(), null,
				this.collection);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		chroma.bindTo(meters);
		List<float[]> queries = passages.stream().map(this.embedder::embed).toList();
		List<Map<UUID, Double>> alone = queries.stream().map((q) -> chroma.nearest(q, 3, null)).toList();
		Map<UUID, Double> filteredAlone = chroma.nearest(queries.get(0), 3, Set.of(paper));
		assertThat(alone.get(0)).containsKey(copyId);
		assertThat(filteredAlone).isNotEmpty().doesNotContainKey(copyId);

		List<Callable<Map<UUID, Double>>> searches = new ArrayList<>();
		for (int round = 0; round < 8; round++) {
			queries.forEach((q) -> searches.add(() -> chroma.nearest(q, 3, null)));
			searches.add(() -> chroma.nearest(queries.get(0), 3, Set.of(paper)));
		}
		List<Map<UUID, Double>> together = new ArrayList<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<Map<UUID, Double>> answer : callers.invokeAll(searches, 60, TimeUnit.SECONDS)) {
				together.add(answer.get());
			}
		}

		for (int i = 0; i < together.size(); i++) {
			int query = i % (queries.size() + 1);
			Map<UUID, Double> expected = (query < queries.size()) ? alone.get(query) : filteredAlone;
			Map<UUID, Double> actual = together.get(i);
			assertThat(actual.keySet()).as("search %d", i).containsExactlyElementsOf(expected.keySet());
			for (UUID chunk : expected.keySet()) {
				assertThat(actual.get(chunk)).as("search %d", i).isCloseTo(expected.get(chunk), within(1e-5));
			}
		}
		assertThat(alone.stream().map((nearest) -> nearest.keySet().iterator().next()).distinct()).hasSize(6);
		// Every search went out once, in some call: 7 alone, then 56 however batched.
		DistributionSummary perCall = meters.get("thoth.search.chromadb.queries.per.call").summary();
		assertThat(perCall.totalAmount()).isEqualTo(7 + searches.size());
		assertThat(perCall.count()).isBetween(8L, 7L + searches.size());
		assertThat(meters.get("thoth.search.chromadb.waiting").gauge().value()).isZero();
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
