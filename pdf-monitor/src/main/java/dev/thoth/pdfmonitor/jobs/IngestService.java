package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.PdfInspector;
import dev.thoth.pdfmonitor.inspection.Quarantine;
import dev.thoth.pdfmonitor.workspace.SafeFileNames;
import dev.thoth.pdfmonitor.workspace.Workspace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * One job, start to end: inspect the file (quarantining a bad one), recognise content the
 * library already has, and file a new paper under {@code papers/}. Each stage is recorded
 * with its status, timing and error.
 */
@Component
public class IngestService {

	private static final Log log = LogFactory.getLog(IngestService.class);

	private final JobQueue queue;

	private final PdfInspector inspector;

	private final Quarantine quarantine;

	private final PaperRepository papers;

	private final Workspace workspace;

	private final MeterRegistry meters;

	IngestService(JobQueue queue, PdfInspector inspector, Quarantine quarantine, PaperRepository papers,
			Workspace workspace, MeterRegistry meters) {
		this.queue = queue;
		this.inspector = inspector;
		this.quarantine = quarantine;
		this.papers = papers;
		this.workspace = workspace;
		this.meters = meters;
	}

	/** Processes a claimed job and ends it; an unexpected error is left to the caller. */
	public void process(ClaimedJob job, String owner) throws IOException {
		Path source = Path.of(job.sourcePath());
		Instant started = Instant.now();
		if (!Files.isRegularFile(source)) {
			Optional<Paper> known = this.papers.findByContentSha256(job.contentSha256());
			this.queue.recordStage(job.id(), "inspect", "SKIPPED", started, Instant.now(), "file already gone");
			this.queue.finish(job.id(), owner, known.isPresent() ? "DONE" : "FAILED",
					known.map(Paper::getId).orElse(null),
					known.isPresent() ? null : "the file left the inbox before it was processed");
			return;
		}
		Inspection inspection = timed("inspect", () -> this.inspector.inspect(source));
		if (inspection instanceof Inspection.Rejected rejected) {
			this.quarantine.hold(source, job.originalFilename(), rejected.reason().code(), rejected.explanation());
			this.queue.recordStage(job.id(), "inspect", "REJECTED", started, Instant.now(), rejected.explanation());
			this.queue.finish(job.id(), owner, "QUARANTINED", null, rejected.explanation());
			log.info("Quarantined " + job.originalFilename() + ": " + rejected.explanation());
			return;
		}
		Inspection.Readable readable = (Inspection.Readable) inspection;
		this.queue.recordStage(job.id(), "inspect", "DONE", started, Instant.now(), null);

		Instant filing = Instant.now();
		Optional<Paper> existing = this.papers.findByContentSha256(job.contentSha256());
		if (existing.isPresent()) {
			// The library keeps these exact bytes already; the inbox copy is redundant.
			Files.delete(source);
			this.queue.recordStage(job.id(), "file", "DUPLICATE", filing, Instant.now(), null);
			this.queue.finish(job.id(), owner, "DONE", existing.get().getId(), null);
			this.meters.counter("thoth.pdf.duplicates").increment();
			return;
		}
		UUID paperId = fileNewPaper(job, source, readable);
		this.queue.recordStage(job.id(), "file", "DONE", filing, Instant.now(), null);
		this.queue.finish(job.id(), owner, "DONE", paperId, null);
		this.meters.counter("thoth.pdf.papers.processed").increment();
		log.info("Ingested " + job.originalFilename() + " as paper " + paperId);
	}

	private UUID fileNewPaper(ClaimedJob job, Path source, Inspection.Readable readable) throws IOException {
		String name = (job.originalFilename() != null) ? job.originalFilename() : source.getFileName().toString();
		String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4)
				: name;
		Path stored = SafeFileNames.moveWithoutOverwriting(source, this.workspace.papers(), stem, ".pdf");
		try {
			Paper paper = new Paper(job.contentSha256());
			paper.setPageCount(readable.pageCount());
			paper.setOriginalFilename(name);
			paper.setFilePath(stored.toString());
			if (readable.metadataTitle() != null && !readable.metadataTitle().isBlank()) {
				// PDF metadata is often wrong ("Microsoft Word - x.doc"): a
				// low-confidence first guess.
				paper.describe(readable.metadataTitle().strip(), java.util.List.of(), null);
				paper.recordSource("title", new FieldSource("pdf-metadata", 0.2));
			}
			paper.setStatus(PaperStatus.READY);
			return this.papers.save(paper).getId();
		}
		catch (RuntimeException ex) {
			// Without its row the stored file would be orphaned: put it back for the next
			// try.
			Files.move(stored, source);
			throw ex;
		}
	}

	private <T> T timed(String stage, IoSupplier<T> work) throws IOException {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			return work.get();
		}
		finally {
			sample.stop(this.meters.timer("thoth.pdf.stage.duration", "stage", stage));
		}
	}

	@FunctionalInterface
	interface IoSupplier<T> {

		T get() throws IOException;

	}

}
