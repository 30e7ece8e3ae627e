package dev.thoth.pdfmonitor.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.thoth.pdfmonitor.PdfMonitorProperties;
import dev.thoth.pdfmonitor.ReplicaIdentity;
import dev.thoth.pdfmonitor.inspection.Quarantine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * This replica's workers: each claims a job, holds its lease while it works (renewing
 * it), and ends it. A job that keeps failing is quarantined after the last attempt, so
 * the file is kept and not retried for ever.
 */
@Component
public class IngestWorkers implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(IngestWorkers.class);

	private static final Duration IDLE_WAIT = Duration.ofMillis(500);

	private final JobQueue queue;

	private final IngestPipeline ingest;

	private final Quarantine quarantine;

	private final PdfMonitorProperties properties;

	private final TaskScheduler scheduler;

	private final MeterRegistry meters;

	private final String owner = ReplicaIdentity.current();

	private final Semaphore wakeUp = new Semaphore(0);

	private final Map<UUID, ScheduledFuture<?>> leases = new ConcurrentHashMap<>();

	private volatile boolean running;

	private ExecutorService workers;

	IngestWorkers(JobQueue queue, IngestPipeline ingest, Quarantine quarantine, PdfMonitorProperties properties,
			TaskScheduler scheduler, MeterRegistry meters) {
		this.queue = queue;
		this.ingest = ingest;
		this.quarantine = quarantine;
		this.properties = properties;
		this.scheduler = scheduler;
		this.meters = meters;
		Gauge.builder("thoth.pdf.queue.depth", queue, JobQueue::queued)
			.description("Jobs waiting to be processed")
			.register(meters);
	}

	/** New work may be waiting: idle workers look now instead of at their next poll. */
	public void wakeUp() {
		this.wakeUp.release(this.properties.workers());
	}

	@Override
	public void start() {
		this.running = true;
		this.workers = Executors.newVirtualThreadPerTaskExecutor();
		for (int i = 0; i < this.properties.workers(); i++) {
			this.workers.submit(this::work);
		}
		log.info("PDF monitor " + this.owner + " started " + this.properties.workers() + " workers");
	}

	@Override
	public void stop() {
		this.running = false;
		wakeUp();
		this.workers.shutdown();
		try {
			// A job cut short here is not lost: its lease runs out and another replica
			// takes it.
			this.workers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void work() {
		while (this.running) {
			try {
				var claimed = this.queue.claim(this.owner, this.properties.lease());
				if (claimed.isEmpty()) {
					this.wakeUp.tryAcquire(IDLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
					continue;
				}
				run(claimed.get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// The database may be away for a moment; keep the worker alive.
				log.warn("Worker could not claim a job: " + ex.getMessage());
				sleepQuietly();
			}
		}
	}

	private void run(ClaimedJob job) {
		if (job.takenOver()) {
			this.meters.counter("thoth.pdf.lease.takeovers").increment();
			log.info("Took over job " + job.id() + " after its lease ran out");
		}
		Duration renewEvery = this.properties.lease().dividedBy(3);
		this.leases.put(job.id(), this.scheduler
			.scheduleWithFixedDelay(() -> this.queue.renew(job.id(), this.owner, this.properties.lease()), renewEvery));
		try {
			this.ingest.process(job, this.owner);
		}
		catch (Exception ex) {
			this.meters.counter("thoth.pdf.failures", "stage", "ingest", "reason", ex.getClass().getSimpleName())
				.increment();
			log.warn("Job " + job.id() + " (" + job.originalFilename() + ") failed on attempt " + job.attempts() + ": "
					+ ex.getMessage(), ex);
			giveUpOrRetry(job, ex);
		}
		finally {
			ScheduledFuture<?> renewal = this.leases.remove(job.id());
			if (renewal != null) {
				renewal.cancel(false);
			}
		}
	}

	private void giveUpOrRetry(ClaimedJob job, Exception failure) {
		String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (job.attempts() < this.properties.maxAttempts()) {
			this.queue.release(job.id(), this.owner, error);
			return;
		}
		try {
			Path source = Path.of(job.sourcePath());
			// A re-processing job's file is the library's stored PDF: it stays in
			// papers/.
			if (!job.reprocessing() && Files.isRegularFile(source)) {
				this.quarantine.hold(source, job.originalFilename(), Quarantine.PROCESSING_FAILED,
						"processing failed " + job.attempts() + " times: " + error);
			}
			this.queue.finish(job.id(), this.owner, "FAILED", null, error);
		}
		catch (Exception ex) {
			log.error("Could not quarantine the file of failed job " + job.id(), ex);
			this.queue.finish(job.id(), this.owner, "FAILED", null, error);
		}
	}

	private static void sleepQuietly() {
		try {
			Thread.sleep(IDLE_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
