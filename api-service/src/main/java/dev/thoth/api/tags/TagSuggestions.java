package dev.thoth.api.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.thoth.api.papers.RelatedPapers;
import dev.thoth.clients.api.RelatedPaper;
import dev.thoth.clients.api.TagSuggestion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tags that fit a paper: those of the papers most related to it (by text and shared
 * references), weighted by how related each is, and the paper's own keywords: an existing
 * tag of that name, or a new one. Tags the paper carries already are left out.
 */
@Component
class TagSuggestions {

	private static final int RELATED = 10;

	/** What a keyword of the paper weighs, against a related paper's score (0..2). */
	private static final double KEYWORD = 1.0;

	private final RelatedPapers related;

	private final JdbcClient jdbc;

	TagSuggestions(RelatedPapers related, JdbcClient jdbc) {
		this.related = related;
		this.jdbc = jdbc;
	}

	/** Empty when the paper is unknown. */
	Optional<List<TagSuggestion>> suggest(UUID paperId, int k) {
		Optional<List<RelatedPaper>> neighbours = this.related.related(paperId, RELATED);
		if (neighbours.isEmpty()) {
			return Optional.empty();
		}
		Set<String> carried = Set.copyOf(this.jdbc
			.sql("select t.name from paper_tags pt join tags t on t.id = pt.tag_id where pt.paper_id = :paper")
			.param("paper", paperId)
			.query(String.class)
			.list());
		Map<String, Double> scores = new LinkedHashMap<>();
		Map<String, List<String>> reasons = new HashMap<>();
		Map<String, Integer> onRelated = new HashMap<>();
		for (RelatedPaper neighbour : neighbours.get()) {
			for (String name : this.jdbc
				.sql("select t.name from paper_tags pt join tags t on t.id = pt.tag_id where pt.paper_id = :paper")
				.param("paper", neighbour.paperId())
				.query(String.class)
				.list()) {
				scores.merge(name, neighbour.score(), Double::sum);
				onRelated.merge(name, 1, Integer::sum);
			}
		}
		onRelated.forEach((name, count) -> reasons.computeIfAbsent(name, (key) -> new ArrayList<>())
			.add("on " + count + " related paper" + ((count == 1) ? "" : "s")));
		List<String> keywords = this.jdbc.sql("select unnest(keywords) from papers where id = :paper")
			.param("paper", paperId)
			.query(String.class)
			.list();
		for (String keyword : keywords) {
			String name = TagNames.normalize(keyword.replaceAll("[/\\\\;%,]", " "));
			if (name.isEmpty() || name.length() > TagNames.MAX_LENGTH) {
				continue;
			}
			scores.merge(name, KEYWORD, Double::sum);
			reasons.computeIfAbsent(name, (key) -> new ArrayList<>()).add("a keyword of the paper");
		}
		carried.forEach(scores::remove);
		Map<String, UUID> ids = new HashMap<>();
		if (!scores.isEmpty()) {
			this.jdbc.sql("select name, id from tags where name in (:names)")
				.param("names", List.copyOf(scores.keySet()))
				.query((rs, row) -> ids.put(rs.getString("name"), rs.getObject("id", UUID.class)))
				.list();
		}
		return Optional.of(scores.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(k)
			.map((entry) -> new TagSuggestion(entry.getKey(), ids.get(entry.getKey()),
					Math.round(entry.getValue() * 1000) / 1000.0, reasons.getOrDefault(entry.getKey(), List.of())))
			.toList());
	}

}
