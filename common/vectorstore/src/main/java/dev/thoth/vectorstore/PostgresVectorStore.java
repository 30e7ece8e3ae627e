package dev.thoth.vectorstore;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The embedded vector store: table {@code paper_chunks} in Thoth's PostgreSQL (migration
 * V2), readable by every service on the database while the PDF monitor writes.
 * <ul>
 * <li>Lexical search: the generated {@code tsvector} column (English configuration, GIN
 * index), matched by any word of the query and ranked by {@code ts_rank_cd}, chunks that
 * contain all the words ({@code websearch_to_tsquery}: quotes make a phrase, "or" and
 * "-word" work) first. The query is always a bind parameter, parsed by functions that
 * accept any text, so it cannot inject SQL or fail on syntax.</li>
 * <li>Semantic search without pgvector: the unit-length embeddings are cached in memory
 * (arrays of 1024×384 floats) and scanned exactly (cosine = dot product, a top-k heap).
 * Every change to {@code paper_chunks} moves a counter in {@code paper_chunks_state} in
 * the same transaction; each query reads it (one primary-key lookup) and reloads the
 * cache when it moved, so writes by another process are seen at once. Cost: a query is an
 * exact scan of N×384 multiply-adds in Java (38 M for 100k chunks; measured in
 * bench/results/search-latency.md); the cache holds 1.6 kB per chunk (160 MB for 100k;
 * bench/results/vector-memory.md), one copy also while it reloads; the first query after
 * a change reads every embedding again (O(N) transfer). Right for a personal library up
 * to some 10^5 chunks; beyond that use ChromaDB (HNSW) or pgvector.</li>
 * </ul>
 */
public class PostgresVectorStore implements VectorStore {

	private static final int MAX_QUERY_WORDS = 32;

	private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\\p{Punct}]+");

	private static final RowMapper<Hit> HIT = (rs, row) -> new Hit(rs.getObject("id", UUID.class),
			rs.getObject("paper_id", UUID.class), rs.getInt("page"), rs.getString("section"), rs.getString("text"),
			rs.getDouble("score"));

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String model;

	/**
	 * Rows of embeddings in one array: many arrays of 1.5 MB rather than one of N × 1.5
	 * kB, which the heap would have to find free in one piece.
	 */
	private static final int BLOCK_ROWS = 1024;

	/** Reads the whole cache: its count and its rows from one snapshot of the table. */
	private final TransactionTemplate snapshotReads;

	private final Object reloadLock = new Object();

	private volatile Snapshot snapshot;

	public PostgresVectorStore(DataSource dataSource, String model) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.snapshotReads = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshotReads.setReadOnly(true);
		this.model = model;
	}

	@Override
	public String name() {
		return "postgres";
	}

	@Override
	public void replace(UUID paperId, List<EmbeddedChunk> chunks) {
		for (EmbeddedChunk chunk : chunks) {
			if (!paperId.equals(chunk.chunk().paperId())) {
				throw new IllegalArgumentException("chunk " + chunk.chunk().id() + " belongs to another paper");
			}
		}
		run(() -> this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("delete from paper_chunks where paper_id = ?", paperId);
			if (chunks.isEmpty()) {
				return;
			}
			this.jdbc.batchUpdate(
					"insert into paper_chunks (id, paper_id, position, page, section, text, model, embedding) "
							+ "values (?, ?, ?, ?, ?, ?, ?, ?)",
					chunks, 200, (PreparedStatement ps, EmbeddedChunk embedded) -> {
						Chunk chunk = embedded.chunk();
						ps.setObject(1, chunk.id());
						ps.setObject(2, chunk.paperId());
						ps.setInt(3, chunk.position());
						ps.setInt(4, chunk.page());
						ps.setString(5, chunk.section());
						ps.setString(6, chunk.text().replace("\u0000", ""));
						ps.setString(7, this.model);
						ps.setArray(8, ps.getConnection().createArrayOf("real", boxed(embedded.embedding())));
					});
		}));
	}

	@Override
	public void delete(UUID paperId) {
		run(() -> this.jdbc.update("delete from paper_chunks where paper_id = ?", paperId));
	}

	@Override
	public long count() {
		return run(() -> this.jdbc.queryForObject("select count(*) from paper_chunks", Long.class));
	}

	@Override
	public List<Hit> semantic(float[] query, int k, Filter filter) {
		Filter effective = Filter.orAny(filter);
		if (k <= 0 || effective.matchesNothing()) {
			return List.of();
		}
		float[] unit = Vectors.normalized(query);
		Snapshot current = current();
		if (current.size() == 0) {
			return List.of();
		}
		if (unit.length != current.dimensions) {
			throw new VectorStoreException("PostgreSQL vector store: the query has " + unit.length
					+ " dimensions, the stored embeddings " + current.dimensions);
		}
		PriorityQueue<double[]> best = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> e[0]));
		int d = current.dimensions;
		float[][] blocks = current.blocks;
		for (int row = 0; row < current.size(); row++) {
			if (!effective.accepts(current.paperIds[row])) {
				continue;
			}
			double dot = Vectors.dot(unit, blocks[row / BLOCK_ROWS], (row % BLOCK_ROWS) * d);
			if (best.size() < k) {
				best.add(new double[] { dot, row });
			}
			else if (dot > best.peek()[0]) {
				best.poll();
				best.add(new double[] { dot, row });
			}
		}
		List<double[]> ranked = new ArrayList<>(best);
		ranked.sort(Comparator.comparingDouble((double[] e) -> e[0]).reversed());
		UUID[] ids = ranked.stream().map((e) -> current.ids[(int) e[1]]).toArray(UUID[]::new);
		Map<UUID, Hit> rows = new HashMap<>();
		run(() -> this.jdbc.query(
				"select id, paper_id, page, section, text, 0.0 as score from paper_chunks " + "where id = any(?)",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), (rs) -> {
					Hit hit = HIT.mapRow(rs, 0);
					rows.put(hit.chunkId(), hit);
				}));
		List<Hit> hits = new ArrayList<>(ranked.size());
		for (double[] entry : ranked) {
			Hit hit = rows.get(current.ids[(int) entry[1]]);
			if (hit != null) { // deleted since the cache was loaded
				hits.add(new Hit(hit.chunkId(), hit.paperId(), hit.page(), hit.section(), hit.text(), entry[0]));
			}
		}
		return hits;
	}

	@Override
	public List<Hit> lexical(String query, int k, Filter filter) {
		Filter effective = Filter.orAny(filter);
		if (k <= 0 || effective.matchesNothing() || query == null) {
			return List.of();
		}
		String text = query.replace("\u0000", " ");
		List<String> words = new ArrayList<>();
		for (String word : WORD_SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
			if (!word.isBlank() && words.size() < MAX_QUERY_WORDS && !words.contains(word)) {
				words.add(word);
			}
		}
		if (words.isEmpty()) {
			return List.of();
		}
		// Chunks holding every word always outrank the others (their score is at least 1,
		// a partial match's below 1), and the GIN index finds them without reading the
		// rest: when there are k of them, partial matches, which may be most of the
		// library
		// for a common word, are never ranked. The order is the same either way.
		List<Hit> complete = lexicalQuery(words, text, true, k, effective);
		if (complete.size() >= k) {
			return complete;
		}
		return lexicalQuery(words, text, false, k, effective);
	}

	/**
	 * Any word matches (an OR of one plainto_tsquery per word, each a bind parameter);
	 * chunks matching the whole query come first. With {@code allWords}, only those.
	 */
	private List<Hit> lexicalQuery(List<String> words, String text, boolean allWords, int k, Filter effective) {
		StringBuilder anyWord = new StringBuilder();
		for (int i = 0; i < words.size(); i++) {
			anyWord.append((i == 0) ? "" : " || ").append("plainto_tsquery('english', ?)");
		}
		String sql = "select c.id, c.paper_id, c.page, c.section, c.text, "
				+ "ts_rank_cd(c.search, q.any_word, 32) + case when c.search @@ q.all_words then 1 else 0 end as score "
				+ "from paper_chunks c, (select (" + anyWord + ") as any_word, websearch_to_tsquery('english', ?) "
				+ "as all_words) q where c.search @@ q.any_word" + (allWords ? " and c.search @@ q.all_words" : "")
				+ (effective.restricted() ? " and c.paper_id = any(?)" : "") + " order by score desc, c.id limit ?";
		return run(() -> this.jdbc.query(sql, (ps) -> {
			int index = 1;
			for (String word : words) {
				ps.setString(index++, word);
			}
			ps.setString(index++, text);
			if (effective.restricted()) {
				ps.setArray(index++, ps.getConnection().createArrayOf("uuid", effective.paperIds().toArray()));
			}
			ps.setInt(index, k);
		}, HIT));
	}

	private Snapshot current() {
		long version = run(
				() -> this.jdbc.queryForObject("select version from paper_chunks_state where singleton", Long.class));
		Snapshot current = this.snapshot;
		if (current != null && current.version == version) {
			return current;
		}
		synchronized (this.reloadLock) {
			current = this.snapshot;
			if (current == null || current.version != version) {
				// The old copy goes first: searches still running keep theirs, and the
				// heap
				// never holds two copies of every embedding.
				this.snapshot = null;
				current = run(() -> load(version));
				this.snapshot = current;
			}
			return current;
		}
	}

	/**
	 * Reads every embedding, straight into the arrays the scan uses (the count and the
	 * rows from one repeatable-read transaction, so they agree). The version was read
	 * before, so a change committed meanwhile leaves the cache marked older than its
	 * content and causes one more reload, never a stale cache.
	 */
	private Snapshot load(long version) {
		return this.snapshotReads.execute((status) -> {
			int rows = this.jdbc.queryForObject("select count(*) from paper_chunks", Integer.class);
			SnapshotBuilder builder = new SnapshotBuilder(version, rows);
			this.jdbc.query((connection) -> {
				PreparedStatement statement = connection
					.prepareStatement("select id, paper_id, embedding from paper_chunks order by paper_id, position");
				statement.setFetchSize(2000);
				return statement;
			}, (ResultSet rs) -> builder.add(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					unboxed(rs.getArray(3))));
			return builder.build();
		});
	}

	private static Float[] boxed(float[] vector) {
		Float[] boxed = new Float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			boxed[i] = vector[i];
		}
		return boxed;
	}

	private static float[] unboxed(Array array) throws SQLException {
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
			throw new VectorStoreException("PostgreSQL vector store (table paper_chunks) failed: " + ex.getMessage(),
					ex);
		}
	}

	private static void run(Runnable action) {
		run(() -> {
			action.run();
			return null;
		});
	}

	/**
	 * Unit-length embeddings, {@link #BLOCK_ROWS} rows to an array: about 1.6 kB a
	 * passage (bench/results/vector-memory.md).
	 */
	private record Snapshot(long version, UUID[] ids, UUID[] paperIds, float[][] blocks, int dimensions) {

		int size() {
			return this.ids.length;
		}

	}

	/** Fills a snapshot row by row, in the order the passages are read. */
	private static final class SnapshotBuilder {

		private final long version;

		private final UUID[] ids;

		private final UUID[] paperIds;

		private float[][] blocks = new float[0][];

		private int dimensions;

		private int size;

		SnapshotBuilder(long version, int rows) {
			this.version = version;
			this.ids = new UUID[rows];
			this.paperIds = new UUID[rows];
		}

		void add(UUID id, UUID paperId, float[] vector) {
			if (this.size == this.ids.length) {
				throw new VectorStoreException("PostgreSQL vector store: paper_chunks changed while it was read");
			}
			if (this.size == 0) {
				this.dimensions = vector.length;
				this.blocks = new float[(this.ids.length + BLOCK_ROWS - 1) / BLOCK_ROWS][];
			}
			else if (vector.length != this.dimensions) {
				throw new VectorStoreException("PostgreSQL vector store: paper_chunks holds embeddings of "
						+ this.dimensions + " and " + vector.length + " dimensions; re-process the papers");
			}
			int block = this.size / BLOCK_ROWS;
			if (this.blocks[block] == null) {
				this.blocks[block] = new float[Math.min(BLOCK_ROWS, this.ids.length - block * BLOCK_ROWS)
						* this.dimensions];
			}
			System.arraycopy(Vectors.normalized(vector), 0, this.blocks[block],
					(this.size % BLOCK_ROWS) * this.dimensions, this.dimensions);
			this.ids[this.size] = id;
			// The rows come by paper: one UUID object for all of a paper's passages.
			boolean samePaper = this.size > 0 && paperId.equals(this.paperIds[this.size - 1]);
			this.paperIds[this.size] = samePaper ? this.paperIds[this.size - 1] : paperId;
			this.size++;
		}

		Snapshot build() {
			if (this.size != this.ids.length) {
				throw new VectorStoreException("PostgreSQL vector store: paper_chunks changed while it was read");
			}
			return new Snapshot(this.version, this.ids, this.paperIds, this.blocks, this.dimensions);
		}

	}

}
