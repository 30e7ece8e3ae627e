package dev.thoth.vectorstore.index;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.VectorStoreException;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an index follows, read from PostgreSQL: the passages with their papers' search
 * fields, and the numbered changes (table {@code paper_chunk_changes}, written by
 * triggers in the transactions that change the passages or a paper's title, year or
 * authors; migration V13).
 */
public class ChunkFeed {

	/** The NOTIFY channel the triggers wake the replicas on. */
	public static final String CHANNEL = "thoth_search_index";

	private static final String PASSAGES = """
			select c.id, c.paper_id, c.position, c.page, c.section, c.text, %s as embedding, p.title, p.year,
			       (select array_agg(a.name order by a.position) from paper_authors a where a.paper_id = c.paper_id) as authors
			from paper_chunks c join papers p on p.id = c.paper_id
			""";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	public ChunkFeed(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/** Where the changes stand. */
	public State state() {
		return run(() -> this.jdbc.queryForObject(
				"select version, pruned_through, generation, rebuild_requested from paper_chunks_state where singleton",
				(rs, row) -> new State(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4))));
	}

	/**
	 * The changes after {@code seq}, oldest first, at most {@code limit} change numbers
	 * (each whole, with every paper it names).
	 */
	public List<Change> changesAfter(long seq, int limit) {
		return run(() -> this.jdbc.query(
				"select seq, array_agg(paper_id) from paper_chunk_changes where seq > ? group by seq order by seq limit ?",
				(rs, row) -> {
					Set<UUID> papers = new LinkedHashSet<>();
					for (Object id : (Object[]) rs.getArray(2).getArray()) {
						papers.add((UUID) id);
					}
					return new Change(rs.getLong(1), papers);
				}, seq, limit));
	}

	/** The passages of these papers as they are now (a paper without any: none). */
	public Map<UUID, List<IndexedChunk>> passages(Collection<UUID> paperIds, boolean vectors) {
		Map<UUID, List<IndexedChunk>> passages = new LinkedHashMap<>();
		if (paperIds.isEmpty()) {
			return passages;
		}
		run(() -> this.jdbc.query((connection) -> {
			PreparedStatement statement = connection
				.prepareStatement(passagesSql(vectors) + " where c.paper_id = any(?) order by c.paper_id, c.position");
			statement.setArray(1, connection.createArrayOf("uuid", paperIds.toArray()));
			return statement;
		}, (ResultSet rs) -> {
			IndexedChunk chunk = passage(rs, vectors);
			passages.computeIfAbsent(chunk.chunk().paperId(), (id) -> new ArrayList<>()).add(chunk);
		}));
		return passages;
	}

	/**
	 * Every passage, in batches, from one snapshot of the database.
	 * @return the change number the snapshot holds: changes after it are caught up
	 * afterwards
	 */
	public long everything(boolean vectors, int batchSize, Consumer<List<IndexedChunk>> batches) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			int isolation = connection.getTransactionIsolation();
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				long version;
				try (PreparedStatement statement = connection
					.prepareStatement("select version from paper_chunks_state where singleton");
						ResultSet rs = statement.executeQuery()) {
					rs.next();
					version = rs.getLong(1);
				}
				try (PreparedStatement statement = connection
					.prepareStatement(passagesSql(vectors) + " order by c.paper_id, c.position")) {
					statement.setFetchSize(batchSize);
					try (ResultSet rs = statement.executeQuery()) {
						List<IndexedChunk> batch = new ArrayList<>(batchSize);
						while (rs.next()) {
							batch.add(passage(rs, vectors));
							if (batch.size() >= batchSize) {
								batches.accept(batch);
								batch = new ArrayList<>(batchSize);
							}
						}
						if (!batch.isEmpty()) {
							batches.accept(batch);
						}
					}
				}
				connection.commit();
				return version;
			}
			finally {
				connection.rollback();
				connection.setTransactionIsolation(isolation);
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new VectorStoreException("reading the passages from PostgreSQL failed: " + ex.getMessage(), ex);
		}
	}

	/** How many passages PostgreSQL holds. */
	public long count() {
		return run(() -> this.jdbc.queryForObject("select count(*) from paper_chunks", Long.class));
	}

	/**
	 * Asks every replica to rebuild its index.
	 * @return the new request number
	 */
	public long requestRebuild() {
		return run(() -> {
			Long number = this.jdbc.queryForObject(
					"update paper_chunks_state set rebuild_requested = rebuild_requested + 1 where singleton "
							+ "returning rebuild_requested",
					Long.class);
			this.jdbc.queryForObject("select pg_notify(?, 'rebuild')::text", String.class, CHANNEL);
			return number;
		});
	}

	/**
	 * Forgets the changes older than the retention; a replica that had not read them
	 * rebuilds.
	 */
	public void prune(Duration retention) {
		run(() -> this.jdbc.update("""
				with gone as (delete from paper_chunk_changes where changed_at < now() - make_interval(secs => ?)
				              returning seq)
				update paper_chunks_state set pruned_through = greatest(pruned_through, (select max(seq) from gone))
				where singleton and exists (select 1 from gone)
				""", (double) retention.toSeconds()));
	}

	private static String passagesSql(boolean vectors) {
		return PASSAGES.formatted(vectors ? "c.embedding" : "null::real[]");
	}

	private static IndexedChunk passage(ResultSet rs, boolean vectors) throws SQLException {
		UUID paperId = rs.getObject("paper_id", UUID.class);
		Chunk chunk = new Chunk(rs.getObject("id", UUID.class), paperId, rs.getInt("position"), rs.getInt("page"),
				rs.getString("section"), rs.getString("text"));
		Array authors = rs.getArray("authors");
		List<String> names = (authors != null) ? List.of((String[]) authors.getArray()) : List.of();
		Integer year = rs.getObject("year", Integer.class);
		float[] embedding = vectors ? floats(rs.getArray("embedding")) : null;
		return new IndexedChunk(chunk, rs.getString("title"), names, year, embedding);
	}

	private static float[] floats(Array array) throws SQLException {
		if (array == null) {
			return null;
		}
		Object values = array.getArray();
		if (values instanceof float[] primitive) {
			return primitive;
		}
		Object[] boxed = (Object[]) values;
		float[] vector = new float[boxed.length];
		for (int i = 0; i < boxed.length; i++) {
			vector[i] = ((Number) boxed[i]).floatValue();
		}
		return vector;
	}

	private static <T> T run(java.util.function.Supplier<T> action) {
		try {
			return action.get();
		}
		catch (DataAccessException ex) {
			throw new VectorStoreException("PostgreSQL (paper_chunks) failed: " + ex.getMessage(), ex);
		}
	}

	private static void run(Runnable action) {
		run(() -> {
			action.run();
			return null;
		});
	}

	/**
	 * @param version the last change's number
	 * @param prunedThrough changes up to this number are no longer listed
	 * @param generation names the database
	 * @param rebuildRequested how many rebuilds were asked for
	 */
	public record State(long version, long prunedThrough, String generation, long rebuildRequested) {
	}

	/** One numbered change: the papers whose passages or search fields changed. */
	public record Change(long seq, Set<UUID> paperIds) {
	}

}
