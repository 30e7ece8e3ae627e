package dev.thoth.agent.memory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Every memory edit, in {@code memory_edits}, for every store. */
class MemoryHistory {

	private static final String COLUMNS = "id, kind, label, passage_id, before, after, source, reverts, reverted_by, created_at";

	private final JdbcClient jdbc;

	MemoryHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	MemoryEdit record(String kind, String label, String passageId, String before, String after, String source,
			UUID reverts) {
		UUID id = UUID.randomUUID();
		MemoryEdit edit = this.jdbc
			.sql("insert into memory_edits (id, kind, label, passage_id, before, after, source, "
					+ "reverts) values (?, ?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)
			.params(id, kind, label, passageId, before, after, source, reverts)
			.query(MemoryHistory::edit)
			.single();
		if (reverts != null) {
			this.jdbc.sql("update memory_edits set reverted_by = ? where id = ?").params(id, reverts).update();
		}
		return edit;
	}

	Optional<MemoryEdit> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from memory_edits where id = ?")
			.param(id)
			.query(MemoryHistory::edit)
			.optional();
	}

	/** Newest first. */
	List<MemoryEdit> list(int page, int size) {
		return this.jdbc.sql("select " + COLUMNS + " from memory_edits order by seq desc limit ? offset ?")
			.params(size, (long) page * size)
			.query(MemoryHistory::edit)
			.list();
	}

	long count() {
		return this.jdbc.sql("select count(*) from memory_edits").query(Long.class).single();
	}

	private static MemoryEdit edit(ResultSet rs, int row) throws SQLException {
		return new MemoryEdit(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("label"),
				rs.getString("passage_id"), rs.getString("before"), rs.getString("after"), rs.getString("source"),
				rs.getObject("reverts", UUID.class), rs.getObject("reverted_by", UUID.class),
				rs.getTimestamp("created_at").toInstant());
	}

}
