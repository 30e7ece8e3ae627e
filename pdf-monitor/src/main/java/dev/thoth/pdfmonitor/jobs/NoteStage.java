package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;
import dev.thoth.pdfmonitor.notes.NoteService;

import org.springframework.stereotype.Component;

/**
 * The paper's note, written in place of its previous one, and the notes of the papers
 * citing it, which gain (or follow) a link to it.
 */
@Component
class NoteStage implements Stage {

	private final NoteService notes;

	NoteStage(NoteService notes) {
		this.notes = notes;
	}

	@Override
	public String name() {
		return "note";
	}

	@Override
	public StageResult run(IngestJob job) throws IOException {
		Paper paper = job.paper();
		Set<UUID> citing = job.citing();
		Path note = this.notes.write(paper.getId());
		if (paper.getNotePath() != null && !note.toString().equals(paper.getNotePath())) {
			// Renamed with a new title: the notes that link to it follow.
			citing.addAll(this.notes.citing(paper.getId()));
		}
		for (UUID citingPaper : citing) {
			this.notes.write(citingPaper);
		}
		return StageResult.done();
	}

}
