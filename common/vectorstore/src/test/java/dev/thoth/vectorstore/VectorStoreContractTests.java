package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link VectorStore} does, run against each implementation on a real server.
 */
abstract class VectorStoreContractTests {

	static final List<String> HOSTILE_QUERIES = List.of("'; drop table papers; --", "\"unbalanced", "a & | ! :*", "\\",
			"%_%", "$contains", "{\"$or\": []}", "<>()[]{}", "' or 1=1 --", "\u0000null byte", "", "   ", "!!!",
			"the of and", "x".repeat(5000), "ünïcödé 数据 🚀");

	@Autowired
	Embedder embedder;

	@Autowired
	VectorStore store;

	UUID ml;

	UUID other;

	/** Creates the paper row when the store needs one (a foreign key). */
	void paperExists(UUID paperId) {
	}

	@BeforeEach
	void storePapers() {
		this.ml = UUID.randomUUID();
		this.other = UUID.randomUUID();
		paperExists(this.ml);
		paperExists(this.other);
		this.store.replace(this.ml, embedded(this.ml, List.of(
				"Transformers rely on self-attention to relate every token of a sequence to every other token, "
						+ "which lets them model long-range dependencies without recurrence.",
				"We train with the Adam optimizer and a learning-rate schedule that warms up linearly for 4000 steps "
						+ "and then decays with the inverse square root of the step number.")));
		this.store.replace(this.other, embedded(this.other, List.of(
				"Photosynthesis in the chloroplasts of plant cells converts sunlight, water and carbon dioxide into "
						+ "glucose and releases oxygen.",
				"The Western Roman Empire collapsed in the fifth century after repeated invasions by Germanic tribes.",
				"Our bakery recipe folds butter into the dough several times to obtain flaky croissants.")));
	}

	List<EmbeddedChunk> embedded(UUID paperId, List<String> texts) {
		List<float[]> vectors = this.embedder.embed(texts);
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			chunks.add(new EmbeddedChunk(
					new Chunk(Chunk.idFor(paperId, i), paperId, i, i + 1, "Section " + i, texts.get(i)),
					vectors.get(i)));
		}
		return chunks;
	}

	List<Hit> semantic(String query, int k, Filter filter) {
		return this.store.semantic(this.embedder.embed(query), k, filter);
	}

	@Test
	void semanticSearchFindsTheChunkWhoseMeaningMatchesAParaphrase() {
		List<Hit> hits = semantic("How do plants turn light into sugar?", 3, Filter.papers(this.ml, this.other));
		assertThat(hits).isNotEmpty();
		assertThat(hits.get(0).text()).startsWith("Photosynthesis");
		assertThat(hits.get(0).paperId()).isEqualTo(this.other);
		assertThat(hits.get(0).page()).isEqualTo(1);
		assertThat(hits.get(0).section()).isEqualTo("Section 0");
		assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
		assertThat(hits.get(0).score()).isBetween(0.3, 1.0001);

		List<Hit> rome = semantic("Why did the ancient Roman state fall?", 1, Filter.papers(this.ml, this.other));
		assertThat(rome).singleElement().satisfies((hit) -> assertThat(hit.text()).contains("Roman Empire"));
		List<Hit> training = semantic("optimizer settings and learning rate warmup", 1,
				Filter.papers(this.ml, this.other));
		assertThat(training.get(0).paperId()).isEqualTo(this.ml);
		assertThat(training.get(0).text()).contains("Adam");
	}

	@Test
	void lexicalSearchFindsExactTerms() {
		Filter both = Filter.papers(this.ml, this.other);
		List<Hit> hits = this.store.lexical("chloroplasts", 5, both);
		assertThat(hits).extracting(Hit::text).hasSize(1).allMatch((text) -> text.startsWith("Photosynthesis"));
		assertThat(this.store.lexical("Germanic invasions", 5, both).get(0).text()).contains("Roman Empire");
		assertThat(this.store.lexical("adam optimizer", 5, both).get(0).text()).contains("Adam optimizer");
		assertThat(this.store.lexical("zeppelin", 5, both)).isEmpty();
	}

	@Test
	void filtersByPaper() {
		List<Hit> hits = semantic("How do plants turn light into sugar?", 10, Filter.papers(this.ml));
		assertThat(hits).hasSize(2).allMatch((hit) -> hit.paperId().equals(this.ml));
		assertThat(this.store.lexical("chloroplasts", 10, Filter.papers(this.ml))).isEmpty();
		assertThat(this.store.lexical("chloroplasts", 10, Filter.papers(this.other))).hasSize(1);
		assertThat(semantic("anything", 10, Filter.papers(List.of()))).isEmpty();
		assertThat(semantic("anything", 10, Filter.papers(UUID.randomUUID()))).isEmpty();
	}

	@Test
	void replaceIsIdempotentAndReplacesTheChunksOfAPaper() {
		long before = this.store.count();
		this.store.replace(this.other, embedded(this.other, List.of(
				"Photosynthesis in the chloroplasts of plant cells converts sunlight, water and carbon dioxide into "
						+ "glucose and releases oxygen.",
				"The Western Roman Empire collapsed in the fifth century after repeated invasions by Germanic tribes.",
				"Our bakery recipe folds butter into the dough several times to obtain flaky croissants.")));
		assertThat(this.store.count()).isEqualTo(before);
		assertThat(semantic("plants", 10, Filter.papers(this.other))).hasSize(3);

		this.store.replace(this.other, embedded(this.other, List.of("Only one chunk about volcanic eruptions now.")));
		assertThat(this.store.count()).isEqualTo(before - 2);
		List<Hit> hits = semantic("plants", 10, Filter.papers(this.other));
		assertThat(hits).singleElement().satisfies((hit) -> assertThat(hit.text()).contains("volcanic"));
		assertThat(this.store.lexical("chloroplasts", 10, Filter.papers(this.other))).isEmpty();
		assertThat(this.store.lexical("volcanic", 10, Filter.papers(this.other))).hasSize(1);
	}

	@Test
	void deleteRemovesTheChunksOfAPaper() {
		long before = this.store.count();
		this.store.delete(this.other);
		assertThat(this.store.count()).isEqualTo(before - 3);
		assertThat(semantic("plants", 10, Filter.papers(this.other))).isEmpty();
		assertThat(this.store.lexical("chloroplasts", 10, Filter.papers(this.other))).isEmpty();
		assertThat(semantic("attention", 10, Filter.papers(this.ml))).hasSize(2);
		this.store.delete(this.other); // deleting again is harmless
		this.store.delete(UUID.randomUUID());
	}

	@Test
	void hostileQueriesAreSearchedAsText() {
		Filter both = Filter.papers(this.ml, this.other);
		for (String query : HOSTILE_QUERIES) {
			assertThatCode(() -> {
				assertThat(this.store.lexical(query, 5, both)).isNotNull();
				assertThat(this.store.lexical(query, 5, Filter.any())).isNotNull();
				assertThat(semantic(query, 5, both)).isNotNull();
			}).as("query %s", query).doesNotThrowAnyException();
		}
		assertThat(this.store.lexical("drop table papers", 5, both)).isEmpty();
		assertThat(semantic("plants", 10, both)).hasSize(5);
	}

	@Test
	void unfilteredSearchesWork() {
		assertThat(semantic("croissant pastry", 50, Filter.any())).extracting(Hit::text)
			.anyMatch((text) -> text.contains("croissants"));
		assertThat(semantic("croissant pastry", 2, null)).hasSizeLessThanOrEqualTo(2);
		assertThat(this.store.lexical("croissants", 50, Filter.any())).isNotEmpty();
	}

}
