package dev.thoth.vectorstore;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link VectorStore} does, run against each implementation on real servers:
 * the embedded Lucene index, and ChromaDB with the Lucene index for words. Both keep the
 * passages in PostgreSQL, which the index follows.
 */
abstract class VectorStoreContractTests {

	static final List<String> HOSTILE_QUERIES = List.of("'; drop table papers; --", "\"unbalanced", "a & | ! :*", "\\",
			"%_%", "$contains", "{\"$or\": []}", "<>()[]{}", "' or 1=1 --", "\u0000null byte", "", "   ", "!!!",
			"the of and", "x".repeat(5000), "ünïcödé 数据 🚀");

	@Autowired
	Embedder embedder;

	@Autowired
	VectorStore store;

	@Autowired
	JdbcTemplate jdbc;

	UUID ml;

	UUID other;

	/** The paper row the passages belong to, with the fields search filters on. */
	void paperExists(UUID paperId, String title, Integer year, String... authors) {
		this.jdbc.update("insert into papers (id, content_sha256, status, title, year) values (?, ?, 'READY', ?, ?)",
				paperId, (paperId.toString().replace("-", "") + "0".repeat(32)).substring(0, 64), title, year);
		for (int i = 0; i < authors.length; i++) {
			this.jdbc.update("insert into paper_authors (paper_id, position, name) values (?, ?, ?)", paperId, i,
					authors[i]);
		}
	}

	@BeforeEach
	void storePapers() {
		this.ml = UUID.randomUUID();
		this.other = UUID.randomUUID();
		paperExists(this.ml, "Attention in sequence transducers", 2017, "Ada Lovelace", "Alan Turing");
		paperExists(this.other, "Of plants, empires and pastry", 2019, "Gregor Mendel");
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
		return TestChunks.embedded(this.embedder, paperId, texts);
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
	void candidatesRankAsTheFullSearchAndWithTextReadsTheirPassagesInOrder() {
		Filter both = Filter.papers(this.ml, this.other);
		float[] query = this.embedder.embed("How do plants turn light into sugar?");
		List<Hit> semantic = this.store.semantic(query, 5, both);
		List<Hit> lexical = this.store.lexical("plant cells sunlight empire", 5, both);
		List<Hit> semanticCandidates = this.store.semanticCandidates(query, 5, both);
		List<Hit> lexicalCandidates = this.store.lexicalCandidates(SearchQuery.plain("plant cells sunlight empire"), 5,
				both);

		assertThat(lexical).hasSizeGreaterThan(1);
		assertThat(lexicalCandidates).extracting(Hit::chunkId, Hit::paperId, Hit::score)
			.containsExactlyElementsOf(
					lexical.stream().map((hit) -> tuple(hit.chunkId(), hit.paperId(), hit.score())).toList());
		assertThat(semanticCandidates).extracting(Hit::chunkId, Hit::paperId)
			.containsExactlyElementsOf(semantic.stream().map((hit) -> tuple(hit.chunkId(), hit.paperId())).toList());
		assertThat(this.store.withText(lexicalCandidates)).isEqualTo(lexical);
		// Mixed and reordered, as after fusion: the order and scores given are kept.
		List<Hit> mixed = List.of(lexicalCandidates.get(1), semantic.get(0), lexicalCandidates.get(0));
		assertThat(this.store.withText(mixed)).containsExactly(lexical.get(1), semantic.get(0), lexical.get(0));
	}

	@Test
	void aCandidateWhosePassageHasGoneIsLeftOut() {
		Filter both = Filter.papers(this.ml, this.other);
		List<Hit> candidates = this.store.lexicalCandidates(SearchQuery.plain("chloroplasts adam"), 5, both);
		assertThat(candidates).hasSize(2);
		this.store.delete(this.other);
		assertThat(this.store.withText(candidates)).singleElement()
			.satisfies((hit) -> assertThat(hit.text()).contains("Adam optimizer"));
		assertThat(this.store.withText(List.of())).isEmpty();
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

	@Test
	void phrasesMatchWordsInThatOrder() {
		Filter both = Filter.papers(this.ml, this.other);
		assertThat(this.store.lexical(SearchQuery.parse("\"carbon dioxide\""), 5, both)).extracting(Hit::text)
			.singleElement()
			.satisfies((text) -> assertThat(text).startsWith("Photosynthesis"));
		assertThat(this.store.lexical(SearchQuery.parse("\"dioxide carbon\""), 5, both)).isEmpty();
		// A hyphenated word is its phrase.
		assertThat(this.store.lexical(SearchQuery.parse("self-attention"), 5, both)).extracting(Hit::paperId)
			.containsExactly(this.ml);
	}

	@Test
	void excludedWordsLeavePassagesOutInEveryMode() {
		Filter both = Filter.papers(this.ml, this.other);
		assertThat(this.store.lexical(SearchQuery.parse("dough croissants"), 5, both)).hasSize(1);
		assertThat(this.store.lexical(SearchQuery.parse("dough croissants -butter"), 5, both)).isEmpty();
		assertThat(this.store.lexical(SearchQuery.parse("dough -zeppelin"), 5, both)).hasSize(1);
		SearchQuery query = SearchQuery.parse("plants -photosynthesis -\"roman empire\"");
		List<Hit> hits = semantic(query.meaning(), 10, both.and(query));
		assertThat(hits).hasSize(3)
			.noneMatch((hit) -> hit.text().contains("Photosynthesis"))
			.noneMatch((hit) -> hit.text().contains("Roman Empire"));
	}

	@Test
	void titleAuthorAndYearRestrictTheSearchInEveryMode() {
		Filter both = Filter.papers(this.ml, this.other);
		assertThat(this.store.lexical(SearchQuery.parse("chloroplasts title:plants"), 5, both)).hasSize(1);
		assertThat(this.store.lexical(SearchQuery.parse("chloroplasts title:sequence"), 5, both)).isEmpty();
		assertThat(this.store.lexical(SearchQuery.parse("optimizer author:turing"), 5, both)).hasSize(1);
		assertThat(this.store.lexical(SearchQuery.parse("optimizer author:\"ada lovelace\""), 5, both)).hasSize(1);
		assertThat(this.store.lexical(SearchQuery.parse("optimizer author:mendel"), 5, both)).isEmpty();
		assertThat(this.store.lexical(SearchQuery.parse("optimizer year:2017"), 5, both)).hasSize(1);
		assertThat(this.store.lexical(SearchQuery.parse("optimizer year:2018..2030"), 5, both)).isEmpty();
		assertThat(this.store.lexical(SearchQuery.parse("optimizer year:..2017"), 5, both)).hasSize(1);

		SearchQuery late = SearchQuery.parse("anything at all year:2018..");
		assertThat(semantic(late.meaning(), 10, both.and(late))).hasSize(3)
			.allMatch((hit) -> hit.paperId().equals(this.other));
		SearchQuery byTuring = SearchQuery.parse("anything author:Turing");
		assertThat(semantic(byTuring.meaning(), 10, both.and(byTuring))).hasSize(2)
			.allMatch((hit) -> hit.paperId().equals(this.ml));
		SearchQuery titled = SearchQuery.parse("anything title:\"plants, empires\"");
		assertThat(semantic(titled.meaning(), 10, both.and(titled))).hasSize(3)
			.allMatch((hit) -> hit.paperId().equals(this.other));
	}

	@Test
	void aCorrectedTitleOrYearIsSearchedAtOnce() {
		Filter both = Filter.papers(this.ml, this.other);
		this.jdbc.update("update papers set title = 'Baking at dawn', year = 2001 where id = ?", this.other);
		await().atMost(java.time.Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(
					this.store.lexical(SearchQuery.parse("chloroplasts title:baking year:2001"), 5, both))
				.hasSize(1));
	}

	@Test
	void aWriterInAnotherProcessIsSearchableWithinTwoSeconds() {
		assertThat(semantic("plants", 10, Filter.papers(this.ml))).hasSize(2);
		// The PDF monitor writes through its own connection; this replica hears it.
		this.jdbc.update("delete from paper_chunks where paper_id = ? and position = 1", this.ml);
		await().atMost(java.time.Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(semantic("plants", 10, Filter.papers(this.ml))).hasSize(1));
		this.jdbc.update("delete from papers where id = ?", this.other);
		await().atMost(java.time.Duration.ofSeconds(2))
			.untilAsserted(
					() -> assertThat(this.store.lexical("chloroplasts", 10, Filter.papers(this.other))).isEmpty());
		assertThat(semantic("plants", 10, Filter.papers(this.other))).isEmpty();
	}

}
