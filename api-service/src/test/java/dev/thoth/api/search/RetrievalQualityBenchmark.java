package dev.thoth.api.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.thoth.api.search.RetrievalQuality.Query;
import dev.thoth.api.search.RetrievalQuality.Score;
import dev.thoth.api.search.RetrievalQuality.StoredChunk;
import dev.thoth.api.support.CorpusText;
import dev.thoth.api.support.RunningApi;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Chunker;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.Hit;
import dev.thoth.vectorstore.PageText;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (tag {@code benchmark}, excluded from the build; run
 * {@code bench/retrieval.sh}): writes {@code bench/results/retrieval-quality.md}.
 * <p>
 * The six corpus papers are read page by page ({@link CorpusText}), cut by the real
 * {@link Chunker} (twice: as the pipeline chunked before the passage fixes and as it
 * chunks now, each scored in turn), embedded by the real {@link Embedder} and stored
 * through the real {@link VectorStore} of a real API service on a fresh PostgreSQL
 * database. Every labelled query ({@code retrieval/queries.json}) is then sent to
 * {@code GET /api/v1/search} in each mode, and the top 10 scored by
 * {@link RetrievalQuality}. Before any search, every label must be held by at least one
 * chunk, or the run stops naming the labels at fault;
 * {@code -Dthoth.bench.labels-only=true} stops there on purpose, to check labels without
 * seeing results.
 */
@Tag("benchmark")
class RetrievalQualityBenchmark {

	private static final List<String> MODES = List.of("lexical", "semantic", "hybrid");

	@TempDir
	static Path workspace;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * A way to turn the corpus into chunks: the pages it reads and the chunker that cuts
	 * them.
	 */
	record Chunking(String name, Function<CorpusText.Paper, List<PageText>> pages, Chunker chunker) {
	}

	/** As the pipeline chunked before: every line of every page, no minimum length. */
	static final Chunking BEFORE = new Chunking("before", CorpusText.Paper::pages, new Chunker(250, 300, 40, 0));

	/**
	 * As it chunks now: the body without running headers, footers and page numbers, and
	 * sections under the minimum joined to a neighbour.
	 */
	static final Chunking SHIPPED = new Chunking("after", CorpusText.Paper::body, new Chunker());

	/** One chunking's chunks, the chunks holding each answer, and each mode's scores. */
	record Run(Chunking chunking, List<StoredChunk> chunks, Map<String, List<Set<UUID>>> relevant,
			Map<String, Map<String, Score>> scores, Map<String, List<UUID>> hybridRankings) {
	}

	@Test
	void writeReport() throws Exception {
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.format(Instant.now().atOffset(ZoneOffset.UTC));
		List<Query> queries = RetrievalQuality.queries();
		List<CorpusText.Paper> corpus = CorpusText.papers();
		TestServers.Postgres database = TestServers.postgres().freshDatabase();
		try (RunningApi api = RunningApi.start(database, workspace, Map.of())) {
			VectorStore store = api.bean(VectorStore.class);
			assertThat(store.name()).as("the embedded Lucene search index").isEqualTo("lucene");
			boolean labelsOnly = Boolean.getBoolean("thoth.bench.labels-only");
			// The same papers, chunked as before and as shipped, one after the other in
			// the same store: each paper's chunks replace its previous ones.
			Run before = run(BEFORE, api, corpus, queries, labelsOnly);
			Run shipped = run(SHIPPED, api, corpus, queries, labelsOnly);
			if (labelsOnly) {
				return;
			}
			String variants = fusionVariants(queries, shipped.relevant(), store, api.bean(Embedder.class),
					shipped.hybridRankings(), shipped.scores());
			String version = api.bean(JdbcClient.class)
				.sql("select current_setting('server_version')")
				.query(String.class)
				.single();
			String report = report(started, version, corpus, shipped.chunks(), queries, shipped.relevant(),
					shipped.scores()) + chunkingSection(queries, before, shipped) + variants;
			Path out = Path.of(System.getProperty("user.dir"))
				.resolve("../bench/results/retrieval-quality.md")
				.normalize();
			Files.createDirectories(out.getParent());
			Files.writeString(out, report);
			System.out.println(report);
		}
	}

	/**
	 * Stores the corpus chunked one way, checks that every label is held by some chunk,
	 * and scores every query in every mode through the API.
	 */
	private Run run(Chunking chunking, RunningApi api, List<CorpusText.Paper> corpus, List<Query> queries,
			boolean labelsOnly) throws NoSuchAlgorithmException {
		List<StoredChunk> chunks = ingest(corpus, chunking, api.bean(PaperRepository.class),
				api.bean(VectorStore.class), api.bean(Embedder.class));
		// Searches answered for the other chunking must not be served from the cache.
		Cache searches = api.bean(CacheManager.class).getCache(SearchService.CACHE);
		if (searches != null) {
			searches.clear();
		}
		Map<String, List<Set<UUID>>> relevant = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (Query query : queries) {
			List<Set<UUID>> holding = RetrievalQuality.relevant(query, chunks);
			for (int a = 0; a < holding.size(); a++) {
				if (holding.get(a).isEmpty()) {
					problems.add(query.id() + ": no chunk holds " + query.answers().get(a));
				}
			}
			relevant.put(query.id(), holding);
		}
		assertThat(problems).as("labels that no chunk holds (chunking " + chunking.name() + ")").isEmpty();
		System.out.printf("Labels (chunking %s): %d queries, %d answers, all held by %d chunks of %d%n",
				chunking.name(), queries.size(), relevant.values().stream().mapToInt(List::size).sum(),
				relevant.values().stream().flatMap(List::stream).flatMap(Set::stream).distinct().count(),
				chunks.size());
		Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
		Map<String, List<UUID>> hybridRankings = new LinkedHashMap<>();
		if (labelsOnly) {
			return new Run(chunking, chunks, relevant, scores, hybridRankings);
		}
		for (String mode : MODES) {
			Map<String, Score> byQuery = new LinkedHashMap<>();
			for (Query query : queries) {
				List<UUID> ranking = ranking(api.search(query.text(), RetrievalQuality.DEPTH, mode));
				if (mode.equals("hybrid")) {
					hybridRankings.put(query.id(), ranking);
				}
				byQuery.put(query.id(), RetrievalQuality.score(ranking, relevant.get(query.id())));
			}
			scores.put(mode, byQuery);
		}
		return new Run(chunking, chunks, relevant, scores, hybridRankings);
	}

	private static List<StoredChunk> ingest(List<CorpusText.Paper> corpus, Chunking chunking, PaperRepository papers,
			VectorStore store, Embedder embedder) throws NoSuchAlgorithmException {
		List<StoredChunk> stored = new ArrayList<>();
		for (CorpusText.Paper source : corpus) {
			Paper paper = new Paper(HexFormat.of()
				.formatHex(
						MessageDigest.getInstance("SHA-256").digest(source.file().getBytes(StandardCharsets.UTF_8))));
			paper.describe(source.title(), List.of("Corpus Author"), 2008);
			paper.setPageCount(source.pages().size());
			paper.setOriginalFilename(source.file());
			paper.setStatus(PaperStatus.READY);
			// Fixed ids: chunk ids follow from them, and both rankers break ties by chunk
			// id,
			// so random ids would make the numbers move from run to run.
			UUID id = UUID.nameUUIDFromBytes(("corpus:" + source.file()).getBytes(StandardCharsets.UTF_8));
			ReflectionTestUtils.setField(paper, "id", id);
			if (!papers.existsById(id)) {
				papers.save(paper);
			}
			List<Chunk> chunks = chunking.chunker().chunk(id, chunking.pages().apply(source));
			List<float[]> vectors = embedder.embed(chunks.stream().map(Chunk::text).toList());
			List<EmbeddedChunk> embedded = new ArrayList<>();
			for (int i = 0; i < chunks.size(); i++) {
				embedded.add(new EmbeddedChunk(chunks.get(i), vectors.get(i)));
				Chunk chunk = chunks.get(i);
				stored.add(new StoredChunk(chunk.id(), source.file(), chunk.page(), chunk.text(),
						RetrievalQuality.normalized(chunk.text())));
			}
			store.replace(id, embedded);
		}
		return stored;
	}

	/**
	 * The same queries over the corpus chunked as before and as shipped, side by side.
	 */
	private static String chunkingSection(List<Query> queries, Run before, Run after) {
		StringBuilder out = new StringBuilder("\n## Chunking before and after\n\n");
		out.append(CHUNKING_INTRO.formatted(before.chunks().size(), after.chunks().size()));
		out.append("| mode | chunking | nDCG@10 | recall@10 | MRR@10 | nDCG@10 exact | recall@10 exact | ")
			.append("nDCG@10 paraphrase | recall@10 paraphrase |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		Predicate<Query> all = (q) -> true;
		Predicate<Query> isExact = (q) -> q.kind().equals("exact");
		Predicate<Query> isParaphrase = (q) -> q.kind().equals("paraphrase");
		List<String> lower = new ArrayList<>();
		for (String mode : MODES) {
			for (Run run : List.of(before, after)) {
				Map<String, Score> byQuery = run.scores().get(mode);
				out.append("| ").append(mode).append(" | ").append(run.chunking().name());
				for (Predicate<Query> group : List.of(all, isExact, isParaphrase)) {
					out.append(" | ").append(f(mean(queries, byQuery, group, Score::ndcg)));
					out.append(" | ").append(f(mean(queries, byQuery, group, Score::recall)));
					if (group == all) {
						out.append(" | ").append(f(mean(queries, byQuery, group, Score::reciprocalRank)));
					}
				}
				out.append(" |\n");
			}
			for (var measure : Map.<String, java.util.function.ToDoubleFunction<Score>>of("nDCG@10", Score::ndcg,
					"recall@10", Score::recall)
				.entrySet()) {
				double was = mean(queries, before.scores().get(mode), all, measure.getValue());
				double is = mean(queries, after.scores().get(mode), all, measure.getValue());
				if (is < was - 1e-9) {
					lower.add(String.format(Locale.ROOT, "%s %s %s → %s", mode, measure.getKey(), f(was), f(is)));
				}
			}
		}
		out.append("\n**Lower after than before (all queries, any mode, nDCG@10 or recall@10): ")
			.append(lower.isEmpty() ? "none" : String.join("; ", lower))
			.append(".**\n");
		out.append("\n<details><summary>Queries whose score changed (nDCG@10 / recall@10 / rank of the first ")
			.append("relevant chunk, before → after)</summary>\n\n| id | kind | half | mode | before | after |\n")
			.append("|---|---|---|---|---|---|\n");
		for (String mode : MODES) {
			for (Query query : queries) {
				Score was = before.scores().get(mode).get(query.id());
				Score is = after.scores().get(mode).get(query.id());
				if (was.ndcg() != is.ndcg() || was.recall() != is.recall()) {
					out.append("| ")
						.append(String.join(" | ", query.id(), query.kind(), query.split(), mode, cell(was), cell(is)))
						.append(" |\n");
				}
			}
		}
		return out.append("\n</details>\n").toString();
	}

	private static String cell(Score score) {
		return f(score.ndcg()) + " / " + f(score.recall()) + " / "
				+ ((score.firstRelevantRank() == 0) ? "–" : String.valueOf(score.firstRelevantRank()));
	}

	private static final String CHUNKING_INTRO = """
			The same run stored the corpus twice, each paper's chunks replacing its previous ones, and asked the \
			same queries of the API after each, the search cache emptied in between. *Before*: every line of \
			every page, no minimum section length, as the pipeline chunked until the passage fixes (%d chunks). \
			*After* (shipped, and the tables above): the body without the running headers, footers and page \
			numbers `RunningLines` finds from where PDFBox sets each line, and sections under 40 words joined to \
			a neighbour (%d chunks). Every label is held by some chunk in both. The shortest chunk and the share \
			of short chunks over the whole corpus, with the PDF monitor's own extraction: `chunks.md`. A running \
			header repeats the paper's own title on every page, so before, every chunk of a paper matched its \
			title's words: 0807.3577's "Apparent and average accelerations of the Universe" shares three stems \
			with jcap-5 ("fitted universes that do accelerate on average"), which loses its one answer found at \
			rank 7 to 10 (below). Without it, a chunk matches a query by what it says.

			""";

	private List<UUID> ranking(String body) {
		JsonNode hits = this.json.readTree(body).get("hits");
		List<UUID> ranking = new ArrayList<>();
		for (JsonNode hit : hits) {
			ranking.add(UUID.fromString(hit.get("chunkId").asString()));
		}
		return ranking;
	}

	// ------------------------------------------------------------------ fusion variants

	/** A way to fuse the lexical and semantic candidates into the top 10. */
	private record Variant(String name, int depth, boolean shipped,
			java.util.function.BiFunction<List<Hit>, List<Hit>, List<Hit>> fuse) {
	}

	/**
	 * The same lexical and semantic candidates the service fuses, fused in other ways, in
	 * process: which fusion does better, chosen on the dev half, judged on the test half.
	 * The row the service ships must give the API's own hybrid ranking.
	 */
	private static String fusionVariants(List<Query> queries, Map<String, List<Set<UUID>>> relevant, VectorStore store,
			Embedder embedder, Map<String, List<UUID>> apiHybrid, Map<String, Map<String, Score>> apiScores) {
		int k = RetrievalQuality.DEPTH;
		List<Variant> variants = List.of(
				new Variant("RRF K=60, 40 candidates each (shipped before)", 40, false,
						(lexical, semantic) -> rrf(60, k, lexical, semantic)),
				new Variant("RRF K=60, 10 candidates each", 10, false,
						(lexical, semantic) -> rrf(60, k, lexical, semantic)),
				new Variant("RRF K=10, 40 candidates each", 40, false,
						(lexical, semantic) -> rrf(10, k, lexical, semantic)),
				new Variant("RRF K=1, 40 candidates each", 40, false,
						(lexical, semantic) -> rrf(1, k, lexical, semantic)),
				new Variant("convex, min-max scores, 0.3 lexical", 40, false,
						(lexical, semantic) -> convex(0.3, k, lexical, semantic)),
				new Variant("convex, min-max scores, 0.5 lexical (`ScoreFusion`, shipped now)", 40, true,
						(lexical, semantic) -> ScoreFusion.fuse(k, lexical, semantic)),
				new Variant("convex, min-max scores, 0.7 lexical", 40, false,
						(lexical, semantic) -> convex(0.7, k, lexical, semantic)));
		Map<String, List<Hit>> lexical = new LinkedHashMap<>();
		Map<String, List<Hit>> semantic = new LinkedHashMap<>();
		for (Query query : queries) {
			lexical.put(query.id(), store.lexical(query.text(), 40, Filter.any()));
			semantic.put(query.id(), store.semantic(embedder.embed(query.text()), 40, Filter.any()));
		}
		StringBuilder out = new StringBuilder("\n## Fusion variants (the investigation behind the shipped fusion)\n\n");
		out.append(VARIANTS_INTRO)
			.append("| fusion | nDCG@10 dev | recall@10 dev | nDCG@10 test | recall@10 test | nDCG@10 all | recall@10 all |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|\n");
		String agreement = "";
		String before = "";
		for (Variant variant : variants) {
			Map<String, Score> byQuery = new LinkedHashMap<>();
			int same = 0;
			for (Query query : queries) {
				List<UUID> fused = variant.fuse()
					.apply(head(lexical.get(query.id()), variant.depth()),
							head(semantic.get(query.id()), variant.depth()))
					.stream()
					.map(Hit::chunkId)
					.toList();
				same += fused.equals(apiHybrid.get(query.id())) ? 1 : 0;
				byQuery.put(query.id(), RetrievalQuality.score(fused, relevant.get(query.id())));
			}
			if (variant.name().contains("shipped before")) {
				Map<String, Map<String, Score>> withIt = new LinkedHashMap<>(apiScores);
				withIt.put("hybrid", byQuery);
				long lost = queries.stream()
					.filter((q) -> q.kind().equals("exact")
							&& apiScores.get("lexical").get(q.id()).firstRelevantRank() == 1
							&& byQuery.get(q.id()).firstRelevantRank() == 0)
					.count();
				before = String.format(Locale.ROOT,
						"With the fusion first shipped (first row): %s Exact-term queries whose first full-text hit "
								+ "is relevant but which this fusion leaves with no relevant chunk in its top 10: %d.%n%n",
						verdict(queries, withIt, (q) -> true, "all queries"), lost);
			}
			if (variant.shipped()) {
				agreement = String.format(Locale.ROOT,
						"%nThe shipped row, fused in process, gives the API's hybrid ranking for %d of %d queries.%n",
						same, queries.size());
			}
			out.append("| ").append(variant.name());
			for (Predicate<Query> group : List.<Predicate<Query>>of((q) -> q.split().equals("dev"),
					(q) -> q.split().equals("test"), (q) -> true)) {
				out.append(" | ")
					.append(f(mean(queries, byQuery, group, Score::ndcg)))
					.append(" | ")
					.append(f(mean(queries, byQuery, group, Score::recall)));
			}
			out.append(" |\n");
		}
		return out.append(agreement).append("\n").append(before).toString();
	}

	private static final String VARIANTS_INTRO = """
			The fusion first shipped was reciprocal rank fusion (K = 60, 40 candidates from each ranker). It \
			fuses ranks only, so it cannot see that full-text search puts a chunk holding every query word first \
			by a wide score margin (the PostgreSQL ranking first shipped added 1 to such chunks): on exact-term queries that chunk \
			lost its place to chunks both rankers only put in the middle. The rows below fuse the candidates the \
			service fetches in other ways, in the benchmark's JVM. The fusion was chosen on the dev half: a \
			convex combination of min-max normalised scores with equal weights (Bruch, Gai and Ingber, ACM TOIS \
			2023, found it better than RRF in and out of domain) had the best dev recall@10 and, within noise, \
			the best dev nDCG@10; equal weights need no tuning (0.7 on words matched its dev nDCG@10 with lower \
			recall@10; 0.3 was worse on both). The test half was not used for the choice. One query moves a \
			half's mean by about 0.04: the halves are small.

			""";

	private static List<Hit> head(List<Hit> hits, int n) {
		return hits.subList(0, Math.min(n, hits.size()));
	}

	private static List<Hit> rrf(int constant, int limit, List<Hit> lexical, List<Hit> semantic) {
		Map<UUID, Double> scores = new LinkedHashMap<>();
		Map<UUID, Hit> hits = new LinkedHashMap<>();
		for (List<Hit> ranking : List.of(lexical, semantic)) {
			for (int rank = 0; rank < ranking.size(); rank++) {
				hits.putIfAbsent(ranking.get(rank).chunkId(), ranking.get(rank));
				scores.merge(ranking.get(rank).chunkId(), 1.0 / (constant + rank + 1), Double::sum);
			}
		}
		return top(limit, hits, scores);
	}

	private static List<Hit> convex(double lexicalWeight, int limit, List<Hit> lexical, List<Hit> semantic) {
		Map<UUID, Double> scores = new LinkedHashMap<>();
		Map<UUID, Hit> hits = new LinkedHashMap<>();
		double[] weights = { lexicalWeight, 1 - lexicalWeight };
		List<List<Hit>> lists = List.of(lexical, semantic);
		for (int l = 0; l < 2; l++) {
			List<Hit> ranking = lists.get(l);
			double max = ranking.stream().mapToDouble(Hit::score).max().orElse(0);
			double min = ranking.stream().mapToDouble(Hit::score).min().orElse(0);
			for (Hit hit : ranking) {
				double normalized = (max > min) ? (hit.score() - min) / (max - min) : 1;
				hits.putIfAbsent(hit.chunkId(), hit);
				scores.merge(hit.chunkId(), weights[l] * normalized, Double::sum);
			}
		}
		return top(limit, hits, scores);
	}

	private static List<Hit> top(int limit, Map<UUID, Hit> hits, Map<UUID, Double> scores) {
		return hits.values()
			.stream()
			.sorted(java.util.Comparator.comparingDouble((Hit hit) -> scores.get(hit.chunkId()))
				.reversed()
				.thenComparing(Hit::chunkId))
			.limit(limit)
			.toList();
	}

	// ------------------------------------------------------------------ report

	private static String report(String started, String postgres, List<CorpusText.Paper> corpus,
			List<StoredChunk> chunks, List<Query> queries, Map<String, List<Set<UUID>>> relevant,
			Map<String, Map<String, Score>> scores) {
		int pages = corpus.stream().mapToInt((paper) -> paper.pages().size()).sum();
		int answers = relevant.values().stream().mapToInt(List::size).sum();
		long relevantChunks = relevant.values().stream().flatMap(List::stream).flatMap(Set::stream).distinct().count();
		long exact = queries.stream().filter((q) -> q.kind().equals("exact")).count();
		StringBuilder out = new StringBuilder("# Search: retrieval quality by mode\n\n");
		out.append("Measured ")
			.append(started)
			.append(" by `RetrievalQualityBenchmark` (api-service tests, tag `benchmark`; run `bench/retrieval.sh`) ")
			.append("through `GET /api/v1/search?k=10` of a real API service, PostgreSQL ")
			.append(postgres)
			.append(", passages in PostgreSQL searched in the API's Lucene index (BM25; HNSW over full-precision vectors), embeddings by ")
			.append(Embedder.MODEL_NAME)
			.append(" in process.\n\n");
		out.append("Corpus: the ")
			.append(corpus.size())
			.append(" papers of the shared test corpus (")
			.append(pages)
			.append(" pages), read page by page with plain PDFBox, without running headers, footers and page numbers, ")
			.append("and cut by the real `Chunker` (sections under 40 words joined to a neighbour) into ")
			.append(chunks.size())
			.append(" chunks. Queries: ")
			.append(queries.size())
			.append(" (")
			.append(exact)
			.append(" exact-term, ")
			.append(queries.size() - exact)
			.append(" paraphrases) with ")
			.append(answers)
			.append(" labelled answers, held by ")
			.append(relevantChunks)
			.append(" chunks (`api-service/src/test/resources/retrieval/queries.json`).\n\n");
		out.append("## Results (all ").append(queries.size()).append(" queries)\n\n");
		out.append("| mode | nDCG@10 | recall@10 | MRR@10 | nDCG@10 exact | recall@10 exact | nDCG@10 paraphrase | ")
			.append("recall@10 paraphrase |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
		Predicate<Query> all = (q) -> true;
		Predicate<Query> isExact = (q) -> q.kind().equals("exact");
		Predicate<Query> isParaphrase = (q) -> q.kind().equals("paraphrase");
		for (String mode : MODES) {
			Map<String, Score> byQuery = scores.get(mode);
			out.append("| ")
				.append(mode)
				.append(" | ")
				.append(f(mean(queries, byQuery, all, Score::ndcg)))
				.append(" | ")
				.append(f(mean(queries, byQuery, all, Score::recall)))
				.append(" | ")
				.append(f(mean(queries, byQuery, all, Score::reciprocalRank)))
				.append(" | ")
				.append(f(mean(queries, byQuery, isExact, Score::ndcg)))
				.append(" | ")
				.append(f(mean(queries, byQuery, isExact, Score::recall)))
				.append(" | ")
				.append(f(mean(queries, byQuery, isParaphrase, Score::ndcg)))
				.append(" | ")
				.append(f(mean(queries, byQuery, isParaphrase, Score::recall)))
				.append(" |\n");
		}
		out.append("\n").append(verdict(queries, scores, all, "all queries")).append("\n");
		out.append("\n## By half (dev / test)\n\n");
		out.append("The halves alternate within each paper and were fixed with the queries, before any result. ")
			.append("A change to the ranking may be chosen on dev; test says whether it holds.\n\n");
		out.append(
				"| mode | nDCG@10 dev | recall@10 dev | nDCG@10 test | recall@10 test |\n|---|---:|---:|---:|---:|\n");
		Predicate<Query> dev = (q) -> q.split().equals("dev");
		Predicate<Query> test = (q) -> q.split().equals("test");
		for (String mode : MODES) {
			Map<String, Score> byQuery = scores.get(mode);
			out.append("| ")
				.append(mode)
				.append(" | ")
				.append(f(mean(queries, byQuery, dev, Score::ndcg)))
				.append(" | ")
				.append(f(mean(queries, byQuery, dev, Score::recall)))
				.append(" | ")
				.append(f(mean(queries, byQuery, test, Score::ndcg)))
				.append(" | ")
				.append(f(mean(queries, byQuery, test, Score::recall)))
				.append(" |\n");
		}
		out.append("\n- dev: ").append(verdict(queries, scores, dev, "dev")).append("\n");
		out.append("- test: ").append(verdict(queries, scores, test, "test")).append("\n");
		out.append("\n## How it is scored\n\n").append(SCORING);
		out.append("\n<details><summary>Per query (nDCG@10 / recall@10 / rank of the first relevant chunk, ")
			.append("– when none is in the top 10)</summary>\n\n");
		out.append(
				"| id | kind | half | query | answers | lexical | semantic | hybrid |\n|---|---|---|---|---:|---|---|---|\n");
		for (Query query : queries) {
			out.append("| ")
				.append(query.id())
				.append(" | ")
				.append(query.kind())
				.append(" | ")
				.append(query.split())
				.append(" | ")
				.append(query.text().replace("|", "\\|"))
				.append(" | ")
				.append(query.answers().size());
			for (String mode : MODES) {
				Score score = scores.get(mode).get(query.id());
				out.append(" | ")
					.append(f(score.ndcg()))
					.append(" / ")
					.append(f(score.recall()))
					.append(" / ")
					.append((score.firstRelevantRank() == 0) ? "–" : String.valueOf(score.firstRelevantRank()));
			}
			out.append(" |\n");
		}
		out.append("\n</details>\n");
		return out.toString();
	}

	private static final String SCORING = """
			- Relevance is binary and belongs to the labelled answers (a passage on a page of a paper). A chunk \
			holds an answer when it is a chunk of that paper, starts on the answer's page or at most two pages \
			before it (a chunk keeps the page where it starts), and contains the answer's passage, both reduced \
			to lower-case letters and digits (compatibility-decomposed, accents, punctuation and spaces dropped). \
			Neighbouring chunks overlap by 40 words, so a passage can be held by two chunks; either finds it.
			- recall@10: share of the query's answers held by some chunk of the top 10.
			- nDCG@10: each chunk of the top 10 gains the number of answers it is the first to hold (a second \
			chunk with an answer already found gains nothing), discounted by log2(rank + 1), over the same sum \
			for the ideal order. MRR@10: 1 / rank of the first relevant chunk (0 when none in the top 10).
			- Every number is the mean over the queries of the row's group; modes see the same queries, the same \
			chunks and the same labels. Hybrid is the service's fusion of lexical and semantic candidates as \
			shipped (`ScoreFusion`, see the last section).
			- The corpus is small (six papers): a query's answer competes with at most a few hundred chunks, and \
			one query moves a mean over 26 queries by about 0.04. Differences below that are noise.
			- Both rankers break ties by chunk id, which follows from the paper id. The papers get fixed ids here \
			(from their file names), so runs repeat exactly; with random ids, as in a first run, single means moved \
			by up to 0.02 (lexical nDCG@10 0.662 there, 0.655 here), enough to flip a comparison that close.
			""";

	private static String verdict(List<Query> queries, Map<String, Map<String, Score>> scores, Predicate<Query> group,
			String name) {
		double hybridNdcg = mean(queries, scores.get("hybrid"), group, Score::ndcg);
		double hybridRecall = mean(queries, scores.get("hybrid"), group, Score::recall);
		double bestNdcg = Math.max(mean(queries, scores.get("lexical"), group, Score::ndcg),
				mean(queries, scores.get("semantic"), group, Score::ndcg));
		double bestRecall = Math.max(mean(queries, scores.get("lexical"), group, Score::recall),
				mean(queries, scores.get("semantic"), group, Score::recall));
		boolean holds = hybridNdcg >= bestNdcg - 1e-9 && hybridRecall >= bestRecall - 1e-9;
		return String.format(Locale.ROOT,
				"**hybrid ≥ max(lexical, semantic) on both measures (%s): %s** — nDCG@10 %s vs %s, recall@10 %s vs %s.",
				name, holds ? "holds" : "does not hold", f(hybridNdcg), f(bestNdcg), f(hybridRecall), f(bestRecall));
	}

	private static double mean(List<Query> queries, Map<String, Score> scores, Predicate<Query> group,
			java.util.function.ToDoubleFunction<Score> measure) {
		return queries.stream()
			.filter(group)
			.mapToDouble((q) -> measure.applyAsDouble(scores.get(q.id())))
			.average()
			.orElse(Double.NaN);
	}

	private static String f(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

}
