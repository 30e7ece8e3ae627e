package dev.thoth.pdfmonitor.notes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.pdfmonitor.analysis.AnalysisStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * (Re)writes a paper's note from what the library holds: its metadata, its tags, its
 * analysis, and links to the notes of the cited papers that are in the library.
 * <p>
 * One note is written by one writer at a time, across replicas: the writer holds a
 * PostgreSQL advisory lock on the paper while it reads the library and writes the file,
 * so that a pipeline job and a refresh never interleave, and a change committed after one
 * writer read the library is shown by the next.
 */
@Component
public class NoteService {

	private final PaperRepository papers;

	private final AnalysisStore analyses;

	private final NoteWriter writer;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	NoteService(PaperRepository papers, AnalysisStore analyses, NoteWriter writer, JdbcClient jdbc,
			TransactionTemplate transactions) {
		this.papers = papers;
		this.analyses = analyses;
		this.writer = writer;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Writes the paper's note, in place of its previous one; returns where it is. */
	public Path write(UUID paperId) throws IOException {
		return written(paperId, false).orElseThrow().note();
	}

	/**
	 * Writes a paper's note again because the library changed, and when its name changed
	 * with it (a corrected title), the notes that link to it too. A paper without a note
	 * yet (its pipeline has not written one) or no longer in the library is left alone.
	 * @return whether a note was written
	 */
	public boolean rewrite(UUID paperId) throws IOException {
		Optional<Written> written = written(paperId, true);
		if (written.isPresent() && written.get().renamed()) {
			for (UUID citing : citing(paperId)) {
				write(citing);
			}
		}
		return written.isPresent();
	}

	/** The paper's notice, which the API records beside the paper entity. */
	private NoteWriter.Notice notice(UUID paperId) {
		return this.jdbc.sql("""
				select retraction_type, retraction_notice_doi, retraction_date, retraction_source from papers
				where id = :paper and retraction_type is not null
				""")
			.param("paper", paperId)
			.query((rs, row) -> new NoteWriter.Notice(rs.getString("retraction_type"),
					rs.getString("retraction_notice_doi"), rs.getObject("retraction_date", java.time.LocalDate.class),
					rs.getString("retraction_source")))
			.optional()
			.orElse(null);
	}

	/** The papers whose references resolve to this one: their notes link to its note. */
	public List<UUID> citing(UUID paperId) {
		return this.jdbc.sql(
				"select distinct paper_id from paper_references where resolved_paper_id = :paper and paper_id <> :paper")
			.param("paper", paperId)
			.query(UUID.class)
			.list();
	}

	/** Where a note was written, and whether that is another file than before. */
	private record Written(Path note, boolean renamed) {
	}

	private Optional<Written> written(UUID paperId, boolean onlyExisting) throws IOException {
		try {
			return this.transactions.execute((status) -> {
				// Held until the end of the transaction, after the file is written.
				this.jdbc.sql("select pg_advisory_xact_lock(:key)")
					.param("key", paperId.getMostSignificantBits() ^ paperId.getLeastSignificantBits())
					.query()
					.singleRow();
				Optional<Paper> found = this.papers.findWithDetailsById(paperId);
				if (found.isEmpty() || (onlyExisting && found.get().getNotePath() == null)) {
					return Optional.empty();
				}
				try {
					return Optional.of(write(found.get()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private Written write(Paper paper) throws IOException {
		UUID paperId = paper.getId();
		List<NoteWriter.CitedNote> cited = this.jdbc.sql("""
				select ref.position, cited.id, cited.title, cited.note_path
				from paper_references ref join papers cited on cited.id = ref.resolved_paper_id
				where ref.paper_id = :paper order by ref.position
				""").param("paper", paperId).query((rs, row) -> {
			String notePath = rs.getString("note_path");
			String name = (notePath != null) ? stem(Path.of(notePath))
					: NoteWriter.noteName(rs.getString("title"), rs.getObject("id", UUID.class));
			return new NoteWriter.CitedNote(rs.getInt("position"), name);
		}).list();
		long referenceCount = this.jdbc.sql("select count(*) from paper_references where paper_id = :paper")
			.param("paper", paperId)
			.query(Long.class)
			.single();
		List<String> tags = this.jdbc
			.sql("select t.name from paper_tags pt join tags t on t.id = pt.tag_id where pt.paper_id = :paper "
					+ "order by t.name")
			.param("paper", paperId)
			.query(String.class)
			.list();
		NoteWriter.NoteContent content = new NoteWriter.NoteContent(paperId, paper.getTitle(), paper.getAuthors(),
				paper.getYear(), paper.getDoi(), paper.getVenue(), paper.getAbstractText(), paper.getKeywords(), tags,
				relativeToWorkspace(paper.getFilePath()), this.analyses.find(paperId).orElse(null), cited,
				(int) referenceCount, notice(paperId), paper.fieldsToReview());
		Path previous = (paper.getNotePath() != null) ? Path.of(paper.getNotePath()) : null;
		Path note = this.writer.write(content, previous);
		this.jdbc.sql("update papers set note_path = :path, updated_at = now() where id = :id")
			.param("path", note.toString())
			.param("id", paperId)
			.update();
		return new Written(note, previous != null && !previous.equals(note));
	}

	/**
	 * "papers/x.pdf": the note stays right when the workspace moves or syncs elsewhere.
	 */
	private String relativeToWorkspace(String file) {
		if (file == null) {
			return null;
		}
		Path root = this.writer.notesDirectory().getParent();
		Path path = Path.of(file);
		return path.startsWith(root) ? root.relativize(path).toString() : file;
	}

	private static String stem(Path note) {
		String name = note.getFileName().toString();
		return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
	}

}
