package dev.thoth.vectorstore.index;

import java.nio.file.Path;
import java.time.Duration;

import dev.thoth.vectorstore.Embedder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A replica's index follower on its own, in a JVM of its own, for the test that kills it
 * in the middle of its work: it follows the database, committing after every change.
 * Arguments: JDBC URL, user, password, index directory.
 */
public final class IndexFollowerProcess {

	private IndexFollowerProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		dataSource.setUser(args[1]);
		dataSource.setPassword(args[2]);
		SearchIndex index = new SearchIndex(new ChunkFeed(dataSource),
				new SearchIndex.Settings(Path.of(args[3]), Duration.ofMillis(5), Duration.ZERO, Duration.ofDays(7), 1),
				new LuceneChunkIndex.Layout(true, Embedder.DIMENSIONS, Embedder.MODEL_NAME), (progress) -> {
				});
		index.start();
		index.awaitReady(Duration.ofMinutes(2));
		System.out.println("following " + index.status().path());
		System.out.flush();
		Thread.sleep(Duration.ofMinutes(10));
	}

}
