package dev.thoth.agent.memory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.vectorstore.Embedder;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The memory in the agent's own PostgreSQL schema: blocks in {@code memory_blocks},
 * passages with their embedding in {@code memory_passages}, searched by meaning with an
 * exact scan (a researcher's archival memory holds thousands of passages, not millions).
 */
public class BuiltInMemoryStore implements MemoryStore {

	private final JdbcClient jdbc;

	private final Embedder embedder;

	public BuiltInMemoryStore(JdbcClient jdbc, Embedder embedder) {
		this.jdbc = jdbc;
		this.embedder = embedder;
	}

	@Override
	public String name() {
		return "built-in";
	}

	@Override
	public List<LabelledValue> blocks() {
		return this.jdbc.sql("select label, value from memory_blocks")
			.query((rs, row) -> new LabelledValue(rs.getString("label"), rs.getString("value")))
			.list();
	}

	@Override
	public String block(String label) {
		return this.jdbc.sql("select value from memory_blocks where label = ?")
			.param(label)
			.query(String.class)
			.optional()
			.orElse("");
	}

	@Override
	public void write(String label, String value, int limit) {
		this.jdbc.sql("""
				insert into memory_blocks (label, value, updated_at) values (?, ?, now())
				on conflict (label) do update set value = excluded.value, updated_at = now()""")
			.params(label, value)
			.update();
	}

	@Override
	public ArchivedPassage insert(String text) {
		float[] embedding = this.embedder.embed(text);
		UUID id = UUID.randomUUID();
		Timestamp created = this.jdbc.sql(
				"insert into memory_passages (id, text, embedding, model) values (?, ?, ?::real[], ?) returning created_at")
			.params(id, text, vectorLiteral(embedding), this.embedder.modelName())
			.query(Timestamp.class)
			.single();
		return new ArchivedPassage(id.toString(), text, created.toInstant(), null);
	}

	@Override
	public Optional<ArchivedPassage> passage(String id) {
		UUID uuid = uuid(id);
		if (uuid == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("select id, text, created_at from memory_passages where id = ?")
			.param(uuid)
			.query(BuiltInMemoryStore::passage)
			.optional();
	}

	@Override
	public boolean delete(String id) {
		UUID uuid = uuid(id);
		return uuid != null && this.jdbc.sql("delete from memory_passages where id = ?").param(uuid).update() > 0;
	}

	@Override
	public List<ArchivedPassage> search(String query, int k) {
		float[] target = this.embedder.embed(query);
		List<ArchivedPassage> scored = new ArrayList<>();
		this.jdbc.sql("select id, text, created_at, embedding from memory_passages").query((ResultSet rs) -> {
			float[] vector = floats(rs.getArray("embedding"));
			scored.add(passage(rs, 0).withScore(Math.max(0, dot(target, vector))));
		});
		return scored.stream().sorted(Comparator.comparingDouble(ArchivedPassage::score).reversed()).limit(k).toList();
	}

	@Override
	public List<ArchivedPassage> recent(int limit) {
		return this.jdbc.sql("select id, text, created_at from memory_passages order by created_at desc, id limit ?")
			.param(limit)
			.query(BuiltInMemoryStore::passage)
			.list();
	}

	private static ArchivedPassage passage(ResultSet rs, int row) throws SQLException {
		return new ArchivedPassage(rs.getString("id"), rs.getString("text"), rs.getTimestamp("created_at").toInstant(),
				null);
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String vectorLiteral(float[] vector) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < vector.length; i++) {
			literal.append((i > 0) ? "," : "").append(vector[i]);
		}
		return literal.append('}').toString();
	}

	private static float[] floats(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		float[] vector = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			vector[i] = ((Number) values[i]).floatValue();
		}
		return vector;
	}

	/** Both vectors have unit length: their dot product is their cosine. */
	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

}
