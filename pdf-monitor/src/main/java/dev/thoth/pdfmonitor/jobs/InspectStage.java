package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.pdfmonitor.inspection.Checked;
import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.PdfInspector;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

import org.springframework.stereotype.Component;

/**
 * Which PDF the job reads and whether it can be read. A new file's content hash decides
 * first: content the library holds ends the job as a duplicate, content it holds
 * unfinished (an earlier attempt filed it, then failed) is resumed from its stored copy.
 * A re-processing job reads its paper's stored copy. Then the checks of
 * {@link PdfInspector#open}; the PDF stays open for the text and metadata stages.
 */
@Component
class InspectStage implements Stage {

	private static final Log log = LogFactory.getLog(InspectStage.class);

	private final PaperRepository papers;

	private final PdfInspector inspector;

	private final Rejections rejections;

	private final MeterRegistry meters;

	InspectStage(PaperRepository papers, PdfInspector inspector, Rejections rejections, MeterRegistry meters) {
		this.papers = papers;
		this.inspector = inspector;
		this.rejections = rejections;
		this.meters = meters;
	}

	@Override
	public String name() {
		return "inspect";
	}

	@Override
	public StageResult run(IngestJob job) throws IOException {
		return job.claimed().reprocessing() ? reprocessing(job) : arriving(job);
	}

	private StageResult arriving(IngestJob job) throws IOException {
		Path source = job.file();
		// The content's hash decides before anything is read: the same bytes again are
		// the same paper, and nothing is extracted, analysed or written a second time.
		Optional<Paper> known = this.papers.findByContentSha256(job.claimed().contentSha256());
		if (known.isPresent() && unfinished(known.get())) {
			// An earlier attempt filed the paper and then failed: finish it from the
			// stored copy, which has these bytes.
			Files.deleteIfExists(source);
			job.continueWith(known.get());
			job.startFrom(ReprocessStage.GRAPH);
			return open(job, "RESUMED");
		}
		if (known.isPresent()) {
			return duplicate(job, source, known.get());
		}
		if (!Files.isRegularFile(source)) {
			return StageResult.endJob("SKIPPED", "file already gone", "FAILED", null,
					"the file left the inbox before it was processed");
		}
		return open(job, "DONE");
	}

	/**
	 * Content the library holds already: the job ends here, naming the paper. The library
	 * keeps these exact bytes, so the inbox copy is redundant and goes; should the
	 * library's own copy be missing, this one takes its place.
	 */
	private StageResult duplicate(IngestJob job, Path source, Paper paper) throws IOException {
		String message = "already in the library as paper " + paper.getId();
		Path stored = (paper.getFilePath() != null) ? Path.of(paper.getFilePath()) : null;
		if (Files.isRegularFile(source)) {
			if (stored != null && !Files.exists(stored) && Files.isDirectory(stored.getParent())) {
				Files.move(source, stored);
				message += "; its missing stored PDF was restored from this copy";
			}
			else {
				Files.delete(source);
			}
		}
		this.meters.counter("thoth.pdf.duplicates").increment();
		log.info(job.claimed().originalFilename() + " is " + message);
		return StageResult.endJob("DUPLICATE", message, "DONE", paper.getId(), null);
	}

	private static boolean unfinished(Paper paper) {
		return paper.getStatus() != PaperStatus.READY && paper.getFilePath() != null
				&& Files.isRegularFile(Path.of(paper.getFilePath()));
	}

	/** A library paper's stored PDF, read again; it is only read, never moved. */
	private StageResult reprocessing(IngestJob job) throws IOException {
		UUID paperId = job.claimed().paperId();
		Optional<Paper> found = (paperId != null) ? this.papers.findById(paperId) : Optional.empty();
		if (found.isEmpty()) {
			String error = "the paper to re-process is no longer in the library";
			return StageResult.endJob("SKIPPED", error, "FAILED", null, error);
		}
		Paper paper = found.get();
		if (paper.getFilePath() == null || !Files.isRegularFile(Path.of(paper.getFilePath()))) {
			String error = "the stored PDF of the paper is missing (" + paper.getFilePath() + ")";
			return StageResult.endJob("FAILED", error, "FAILED", paper.getId(), error);
		}
		job.continueWith(paper);
		return open(job, "DONE");
	}

	private StageResult open(IngestJob job, String status) throws IOException {
		return switch (this.inspector.open(job.file())) {
			case Checked.Passed<PDDocument>(PDDocument document) -> {
				job.document(document);
				yield StageResult.of(status, null);
			}
			case Checked.Rejected<PDDocument>(Inspection.Rejected rejected) -> this.rejections.reject(job, rejected);
		};
	}

}
