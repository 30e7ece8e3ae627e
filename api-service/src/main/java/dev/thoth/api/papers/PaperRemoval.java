package dev.thoth.api.papers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.domain.notes.NoteRefreshes;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.vectorstore.VectorStore;
import dev.thoth.vectorstore.VectorStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Removes a paper from the library: its chunks from the vector store, its row and
 * everything hanging off it (authors, references, tags, corrections, analysis), and the
 * links other papers' references had to it. The user's files are never deleted: the PDF
 * and the note go to the workspace's {@code trash/} folder. The notes of the papers that
 * cited it are to be written again (they count and link it), which the PDF monitors do.
 */
@Service
class PaperRemoval {

	private static final Log log = LogFactory.getLog(PaperRemoval.class);

	private final PaperRepository papers;

	private final VectorStore store;

	private final LibraryFiles files;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final NoteRefreshes notes;

	PaperRemoval(PaperRepository papers, VectorStore store, LibraryFiles files, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, NoteRefreshes notes) {
		this.papers = papers;
		this.store = store;
		this.files = files;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.notes = notes;
	}

	/** False when there is no such paper. */
	boolean remove(UUID paperId) {
		Optional<Paper> found = this.papers.findById(paperId);
		if (found.isEmpty()) {
			return false;
		}
		Paper paper = found.get();
		// The chunks first: should that fail, the paper is still whole, and deleting them
		// again is harmless.
		try {
			this.store.delete(paperId);
		}
		catch (VectorStoreException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The vector store is unavailable; the paper was not removed", ex);
		}
		List<Trashed> trashed = new ArrayList<>();
		try {
			Boolean removed = this.transactions.execute((status) -> {
				this.notes.requestCiting(paperId);
				this.notes.announce(paperId, "REMOVED");
				this.jdbc.sql("update paper_references set resolved_paper_id = null where resolved_paper_id = :id")
					.param("id", paperId)
					.update();
				if (this.jdbc.sql("delete from papers where id = :id").param("id", paperId).update() == 0) {
					return false;
				}
				// Inside the transaction: a file that cannot be moved keeps the row too.
				trash(this.files.storedPdf(paper.getFilePath()), trashed);
				trash(this.files.note(paper.getNotePath()), trashed);
				return true;
			});
			return Boolean.TRUE.equals(removed);
		}
		catch (RuntimeException ex) {
			restore(trashed);
			throw ex;
		}
	}

	private void trash(Optional<Path> file, List<Trashed> trashed) {
		if (file.isEmpty()) {
			return;
		}
		try {
			Path moved = this.files.moveToTrash(file.get());
			trashed.add(new Trashed(file.get(), moved));
			log.info("Moved " + file.get() + " to " + moved);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot move " + file.get() + " to the trash", ex);
		}
	}

	private void restore(List<Trashed> trashed) {
		for (Trashed move : trashed) {
			try {
				this.files.restore(move.now(), move.original());
			}
			catch (IOException ex) {
				log.error("Could not put " + move.now() + " back to " + move.original() + "; it stays in the trash",
						ex);
			}
		}
	}

	private record Trashed(Path original, Path now) {
	}

}
