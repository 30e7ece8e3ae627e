package dev.thoth.pdfmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/** A corpus paper dropped into a running monitor's inbox, once it is ready. */
public final class Ingested {

	private Ingested() {
	}

	/** Copies the corpus paper into the inbox and waits until it is READY; its id. */
	public static UUID ready(JdbcClient jdbc, Path workspace, String file) throws Exception {
		Corpus.Paper paper = Corpus.papers().stream().filter((p) -> p.file().equals(file)).findFirst().orElseThrow();
		Files.copy(paper.path(), workspace.resolve("inbox").resolve(file));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> jdbc.sql("select count(*) from papers where content_sha256 = :hash and status = 'READY'")
				.param("hash", paper.sha256())
				.query(Long.class)
				.single() == 1);
		return jdbc.sql("select id from papers where content_sha256 = :hash")
			.param("hash", paper.sha256())
			.query(UUID.class)
			.single();
	}

}
