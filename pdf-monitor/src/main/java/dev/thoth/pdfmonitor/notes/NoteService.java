package dev.thoth.pdfmonitor.notes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.pdfmonitor.analysis.AnalysisStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * (Re)writes a paper's note from what the library holds: its metadata, its analysis, and
 * links to the notes of the cited papers that are in the library.
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

	public Path write(UUID paperId) throws IOException {
		Paper paper = this.transactions.execute((status) -> {
			Paper found = this.papers.findWithDetailsById(paperId).orElseThrow();
			found.getAuthors();
			return found;
		});
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
		NoteWriter.NoteContent content = new NoteWriter.NoteContent(paper.getId(), paper.getTitle(), paper.getAuthors(),
				paper.getYear(), paper.getDoi(), paper.getVenue(), paper.getAbstractText(), paper.getKeywords(),
				relativeToWorkspace(paper.getFilePath()), this.analyses.find(paperId).orElse(null), cited,
				(int) referenceCount);
		Path previous = (paper.getNotePath() != null) ? Path.of(paper.getNotePath()) : null;
		Path note = this.writer.write(content, previous);
		this.jdbc.sql("update papers set note_path = :path, updated_at = now() where id = :id")
			.param("path", note.toString())
			.param("id", paperId)
			.update();
		return note;
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
