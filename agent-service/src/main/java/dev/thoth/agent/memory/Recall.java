package dev.thoth.agent.memory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recall: the researcher's and the agent's past messages, in every session, searched by
 * their words (PostgreSQL full text, English stemming). The conversations stay in
 * PostgreSQL whichever store holds the rest of the memory.
 */
class Recall {

	private final JdbcClient jdbc;

	Recall(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A past message that matches.
	 *
	 * @param sessionId its session
	 * @param sessionTitle the session's title
	 * @param role {@code user} or {@code assistant}
	 * @param text the message, around the words found
	 * @param createdAt when it was said
	 * @param score full-text rank
	 */
	record Hit(UUID sessionId, String sessionTitle, String role, String text, Instant createdAt, double score) {
	}

	List<Hit> search(String query, int k) {
		return this.jdbc
			.sql("""
					select m.session_id, s.title, m.role, m.created_at,
					       ts_headline('english', m.content, q, 'MaxWords=60, MinWords=20, StartSel="", StopSel=""') as text,
					       ts_rank(to_tsvector('english', coalesce(m.content, '')), q) as score
					from messages m join sessions s on s.id = m.session_id, websearch_to_tsquery('english', ?) q
					where to_tsvector('english', coalesce(m.content, '')) @@ q and m.role in ('user', 'assistant')
					order by score desc, m.created_at desc
					limit ?""")
			.params(query, k)
			.query(Recall::hit)
			.list();
	}

	private static Hit hit(ResultSet rs, int row) throws SQLException {
		return new Hit(rs.getObject("session_id", UUID.class), rs.getString("title"), rs.getString("role"),
				rs.getString("text"), rs.getTimestamp("created_at").toInstant(), rs.getDouble("score"));
	}

}
