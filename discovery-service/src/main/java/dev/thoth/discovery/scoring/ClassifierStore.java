package dev.thoth.discovery.scoring;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.discovery.ranking.QueryClassifier;
import dev.thoth.vectorstore.Embedder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each query's trained classifier, shared by every replica. */
@Repository
public class ClassifierStore {

	private final JdbcClient jdbc;

	ClassifierStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void save(UUID queryId, QueryClassifier classifier) {
		this.jdbc.sql("""
				insert into classifiers (query_id, model, vocabulary, positives, negatives, trained_at)
				values (:query, :model, :vocabulary, :positives, :negatives, now())
				on conflict (query_id) do update set model = excluded.model, vocabulary = excluded.vocabulary,
				    positives = excluded.positives, negatives = excluded.negatives, trained_at = now()
				""")
			.param("query", queryId)
			.param("model", classifier.model())
			.param("vocabulary", classifier.vocabulary().toArray(new String[0]))
			.param("positives", classifier.positives())
			.param("negatives", classifier.negatives())
			.update();
	}

	public Optional<QueryClassifier> load(UUID queryId) {
		return this.jdbc.sql("select model, vocabulary, positives, negatives from classifiers where query_id = :query")
			.param("query", queryId)
			.query((rs, row) -> QueryClassifier.restore(rs.getBytes("model"),
					Arrays.asList((String[]) rs.getArray("vocabulary").getArray()), Embedder.DIMENSIONS,
					rs.getInt("positives"), rs.getInt("negatives")))
			.optional();
	}

	public void delete(UUID queryId) {
		this.jdbc.sql("delete from classifiers where query_id = :query").param("query", queryId).update();
	}

}
