package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.domain.workspace.SafeFileNames;
import dev.thoth.pdfmonitor.corrections.UserCorrections;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.ParsedReferences;
import dev.thoth.pdfmonitor.extraction.Reference;
import dev.thoth.pdfmonitor.workspace.Workspace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paper's row, written once with its metadata and references. A new file moves under
 * {@code papers/}, named from the metadata, and its paper is created; a library paper
 * being re-processed keeps its stored file (the stage is {@code SKIPPED}) and its row is
 * rewritten in place with what this job read again. The user's corrections are laid over
 * the metadata in both cases.
 */
@Component
class FileStage implements Stage {

	private final PaperRepository papers;

	private final PaperReferenceRepository references;

	private final UserCorrections corrections;

	private final Workspace workspace;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	FileStage(PaperRepository papers, PaperReferenceRepository references, UserCorrections corrections,
			Workspace workspace, TransactionTemplate transactions, JdbcClient jdbc) {
		this.papers = papers;
		this.references = references;
		this.corrections = corrections;
		this.workspace = workspace;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "file";
	}

	@Override
	public StageResult run(IngestJob job) throws IOException {
		if (job.paper() == null) {
			job.paper(fileNewPaper(job));
			return StageResult.done();
		}
		job.paper(rewrite(job));
		return StageResult.of("SKIPPED", "re-processing keeps the stored file " + job.file().getFileName());
	}

	private Paper fileNewPaper(IngestJob job) throws IOException {
		Path source = job.file();
		ExtractedMetadata metadata = job.metadata();
		String name = (job.claimed().originalFilename() != null) ? job.claimed().originalFilename()
				: source.getFileName().toString();
		Path stored = SafeFileNames.moveWithoutOverwriting(source, this.workspace.papers(), storedName(metadata, name),
				".pdf");
		try {
			return this.transactions.execute((status) -> {
				Paper paper = new Paper(job.claimed().contentSha256());
				writeMetadata(paper, metadata);
				paper.setPageCount(job.pageCount());
				paper.setOriginalFilename(name);
				paper.setFilePath(stored.toString());
				paper.setStatus(PaperStatus.PROCESSING);
				Paper saved = this.papers.save(paper);
				this.references.saveAll(referenceEntries(saved.getId(), job.references()));
				return saved;
			});
		}
		catch (RuntimeException ex) {
			// Without its row the stored file would be orphaned: put it back for the next
			// try.
			Files.move(stored, source);
			throw ex;
		}
	}

	/** The metadata (when this job read it) and the references, in place. */
	private Paper rewrite(IngestJob job) {
		return this.transactions.execute((status) -> {
			Paper current = this.papers.findById(job.paper().getId()).orElseThrow();
			if (job.metadata() != null) {
				writeMetadata(current, job.metadata());
			}
			current.setPageCount(job.pageCount());
			Paper saved = this.papers.save(current);
			// Deleted at once, before the new entries are flushed in their place.
			this.jdbc.sql("delete from paper_references where paper_id = :paper")
				.param("paper", saved.getId())
				.update();
			this.references.saveAll(referenceEntries(saved.getId(), job.references()));
			return saved;
		});
	}

	/**
	 * The paper's metadata with the user's corrections over it, and where each field came
	 * from, replacing what it had.
	 */
	private void writeMetadata(Paper paper, ExtractedMetadata extracted) {
		ExtractedMetadata metadata = this.corrections.applyTo(paper.getId(), extracted);
		paper.describe(metadata.title(), metadata.authors(), metadata.year());
		paper.setDoi(metadata.doi());
		paper.setArxivId(metadata.arxivId());
		paper.setVenue(metadata.venue());
		paper.setAbstractText(metadata.abstractText());
		paper.setKeywords(metadata.keywords());
		paper.clearSources();
		metadata.sources().forEach(paper::recordSource);
	}

	private static List<PaperReference> referenceEntries(UUID paperId, ParsedReferences parsed) {
		Map<Integer, List<Integer>> citedOn = parsed.pagesCitingEachEntry();
		List<PaperReference> entries = new ArrayList<>();
		for (Reference reference : parsed.references()) {
			PaperReference entry = new PaperReference(paperId, reference.position(), reference.raw());
			entry.describe(reference.title(), reference.authors(), reference.year(), reference.venue(), reference.doi(),
					reference.arxivId());
			entry.setCitedOnPages(citedOn.getOrDefault(reference.position(), List.of()));
			reference.sources().forEach(entry::recordSource);
			entries.add(entry);
		}
		return entries;
	}

	/** "Surname Year Title", so the papers folder reads like a bibliography. */
	private static String storedName(ExtractedMetadata metadata, String originalName) {
		if (metadata.title() == null || metadata.title().isBlank()) {
			return SafeFileNames.withoutPdfExtension(originalName);
		}
		StringBuilder name = new StringBuilder();
		if (!metadata.authors().isEmpty()) {
			String first = metadata.authors().getFirst().strip();
			name.append(first.substring(first.lastIndexOf(' ') + 1)).append(' ');
		}
		if (metadata.year() != null) {
			name.append(metadata.year()).append(' ');
		}
		return name.append(metadata.title()).toString();
	}

}
