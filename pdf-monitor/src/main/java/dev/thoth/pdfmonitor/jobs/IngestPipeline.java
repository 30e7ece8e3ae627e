package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job through the {@link IngestStages}, start to end, and records each stage
 * where it runs: its status, its start and end, its error. Every job, new, resumed or
 * re-processed, takes this one path; its start decides which stages run. A stage that
 * fails is recorded as {@code FAILED} with its error; an optional one (lookup, analysis)
 * leaves the job going, any other fails the attempt, and the worker puts the job back for
 * another (the next attempt resumes a paper that was filed). A stage may end the job
 * early (a duplicate, a quarantined file); otherwise the paper is ready at the end.
 */
@Component
public class IngestPipeline {

	private static final Log log = LogFactory.getLog(IngestPipeline.class);

	private final IngestStages stages;

	private final JobQueue queue;

	private final PaperRepository papers;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	IngestPipeline(IngestStages stages, JobQueue queue, PaperRepository papers, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.stages = stages;
		this.queue = queue;
		this.papers = papers;
		this.transactions = transactions;
		this.meters = meters;
	}

	/** Processes a claimed job and ends it; a failed attempt is left to the caller. */
	public void process(ClaimedJob claimed, String owner) throws IOException {
		try (IngestJob job = new IngestJob(claimed)) {
			for (IngestStages.Planned planned : this.stages.stages()) {
				if (!planned.runsFrom(job.from())) {
					continue;
				}
				StageResult.JobEnd end = run(job, planned).end();
				if (end != null) {
					this.queue.finish(claimed.id(), owner, end.status(), end.paperId(), end.error());
					return;
				}
			}
			Paper paper = Objects.requireNonNull(job.paper(), "the stages ended without a paper");
			markReady(paper);
			this.queue.finish(claimed.id(), owner, "DONE", paper.getId(), null);
			this.meters.counter("thoth.pdf.papers.processed").increment();
			log.info((claimed.reprocessing() ? "Re-processed " : "Ingested ") + claimed.originalFilename()
					+ " as paper " + paper.getId() + " (" + paper.getTitle() + ")");
		}
	}

	private StageResult run(IngestJob job, IngestStages.Planned planned) throws IOException {
		String stage = planned.stage().name();
		Instant started = Instant.now();
		try {
			StageResult result = planned.stage().run(job);
			record(job, stage, result, started);
			return result;
		}
		catch (IOException | RuntimeException ex) {
			String error = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			StageResult failed = StageResult.of("FAILED", error);
			if (!planned.optional()) {
				try {
					record(job, stage, failed, started);
				}
				catch (RuntimeException recording) {
					ex.addSuppressed(recording);
				}
				throw ex;
			}
			record(job, stage, failed, started);
			this.meters.counter("thoth.pdf.failures", "stage", stage, "reason", ex.getClass().getSimpleName())
				.increment();
			log.warn("Stage " + stage + " of " + job.claimed().originalFilename() + " failed: " + error);
			return failed;
		}
	}

	private void record(IngestJob job, String stage, StageResult result, Instant started) {
		Instant finished = Instant.now();
		this.queue.recordStage(job.claimed().id(), stage, result.status(), started, finished, result.message());
		if ("DONE".equals(result.status())) {
			this.meters.timer("thoth.pdf.stage.duration", "stage", stage).record(Duration.between(started, finished));
		}
	}

	private void markReady(Paper paper) {
		if (paper.getStatus() == PaperStatus.READY) {
			return; // re-processed: nothing to write
		}
		this.transactions.executeWithoutResult((status) -> this.papers.findById(paper.getId()).ifPresent((stored) -> {
			stored.setStatus(PaperStatus.READY);
			this.papers.save(stored);
		}));
	}

}
