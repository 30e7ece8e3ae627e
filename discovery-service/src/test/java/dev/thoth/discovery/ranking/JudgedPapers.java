package dev.thoth.discovery.ranking;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.thoth.vectorstore.Embedder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The judged set of src/test/resources/bench/judged.json: one research interest, 36
 * papers (title and a short abstract written for the benchmark, 14 of them wanted), with
 * the distractors a keyword query draws in (dark-energy fluids and modified gravity,
 * other meanings of "backreaction" and "acceleration").
 */
record JudgedPapers(Relevance.Query query, List<Paper> papers) {

	record Paper(String title, String text, boolean relevant, float[] embedding) {

		Relevance.Paper asPaper() {
			return new Relevance.Paper(this.title, this.text, List.of(), List.of(), this.embedding);
		}

	}

	static JudgedPapers load(Embedder embedder) throws Exception {
		JsonNode root;
		try (InputStream in = JudgedPapers.class.getResourceAsStream("/bench/judged.json")) {
			root = JsonMapper.builder().build().readTree(in);
		}
		List<String> keywords = new ArrayList<>();
		root.get("query").get("keywords").forEach((k) -> keywords.add(k.asString()));
		List<String> texts = new ArrayList<>();
		List<JsonNode> items = new ArrayList<>();
		for (JsonNode paper : root.get("papers")) {
			items.add(paper);
			texts.add(paper.get("title").asString() + ". " + paper.get("abstract").asString());
		}
		List<float[]> vectors = embedder.embed(texts);
		List<Paper> papers = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			papers.add(new Paper(items.get(i).get("title").asString(), texts.get(i),
					items.get(i).get("relevant").asBoolean(), vectors.get(i)));
		}
		return new JudgedPapers(new Relevance.Query(keywords, List.of(), List.of()), papers);
	}

	/** nDCG@k of the papers in this order (binary gains). */
	static double ndcg(List<Paper> ranked, int k) {
		double dcg = 0;
		for (int i = 0; i < Math.min(k, ranked.size()); i++) {
			dcg += ranked.get(i).relevant() ? 1 / log2(i + 2) : 0;
		}
		long relevant = ranked.stream().filter(Paper::relevant).count();
		double ideal = 0;
		for (int i = 0; i < Math.min(k, relevant); i++) {
			ideal += 1 / log2(i + 2);
		}
		return (ideal == 0) ? 0 : dcg / ideal;
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

}
