package dev.thoth.pdfmonitor.analysis;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps each paper's analysis, so its note can be rewritten without analysing again. */
@Component
public class AnalysisStore {

	private final JdbcClient jdbc;

	AnalysisStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void save(UUID paperId, Analysis analysis) {
		this.jdbc
			.sql("""
					insert into paper_analyses (paper_id, analyzer, summary, key_points, methodology, results, limitations,
					    contributions, tags)
					values (:paper, :analyzer, :summary, :keyPoints, :methodology, :results, :limitations, :contributions, :tags)
					on conflict (paper_id) do update set analyzer = excluded.analyzer, summary = excluded.summary,
					    key_points = excluded.key_points, methodology = excluded.methodology, results = excluded.results,
					    limitations = excluded.limitations, contributions = excluded.contributions, tags = excluded.tags,
					    created_at = now()
					""")
			.param("paper", paperId)
			.param("analyzer", analysis.analyzer())
			.param("summary", analysis.summary())
			.param("keyPoints", analysis.keyPoints().toArray(String[]::new))
			.param("methodology", analysis.methodology().toArray(String[]::new))
			.param("results", analysis.results().toArray(String[]::new))
			.param("limitations", analysis.limitations().toArray(String[]::new))
			.param("contributions", analysis.contributions().toArray(String[]::new))
			.param("tags", analysis.tags().toArray(String[]::new))
			.update();
	}

	public Optional<Analysis> find(UUID paperId) {
		return this.jdbc.sql("select * from paper_analyses where paper_id = :paper")
			.param("paper", paperId)
			.query((rs, row) -> new Analysis(rs.getString("summary"), list(rs, "key_points"), list(rs, "methodology"),
					list(rs, "results"), list(rs, "limitations"), list(rs, "contributions"), list(rs, "tags"),
					rs.getString("analyzer")))
			.optional();
	}

	private static List<String> list(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
