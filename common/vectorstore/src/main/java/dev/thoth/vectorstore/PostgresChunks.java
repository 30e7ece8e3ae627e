package dev.thoth.vectorstore;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The passages of the library in PostgreSQL, table {@code paper_chunks}: the source of
 * truth every API replica's search index follows (see
 * {@link dev.thoth.vectorstore.index.SearchIndex}). A paper's passages are replaced in
 * one transaction; the triggers of migration V13 number the change and wake the replicas
 * when it commits.
 */
public class PostgresChunks implements ChunkWriter {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String model;

	public PostgresChunks(DataSource dataSource, String model) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.model = model;
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
					chunks, 1000, (PreparedStatement ps, EmbeddedChunk embedded) -> {
						Chunk chunk = embedded.chunk();
						ps.setObject(1, chunk.id());
						ps.setObject(2, chunk.paperId());
						ps.setInt(3, chunk.position());
						ps.setInt(4, chunk.page());
						ps.setString(5, (chunk.section() != null) ? chunk.section().replace("\u0000", "") : null);
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

	private static Float[] boxed(float[] vector) {
		Float[] boxed = new Float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			boxed[i] = vector[i];
		}
		return boxed;
	}

	private static void run(Runnable action) {
		try {
			action.run();
		}
		catch (DataAccessException ex) {
			throw new VectorStoreException("PostgreSQL (table paper_chunks) failed: " + ex.getMessage(), ex);
		}
	}

}
