package dev.thoth.pdfmonitor.notes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.notes.NoteRefreshes;
import dev.thoth.pdfmonitor.PdfMonitorProperties;
import dev.thoth.pdfmonitor.ReplicaIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes notes again when the library changes outside the pipeline: a cited paper removed
 * or corrected, the paper itself corrected or tagged through the API. The API requests
 * them ({@link NoteRefreshes}) and announces the change; the event wakes this replica at
 * once, and it also looks every {@code noteSweep} on its own, so that changes made while
 * no monitor listened are not lost. Each request is claimed by one replica; a replica
 * without workers ({@code THOTH_PDF_WORKERS=0}) serves none.
 */
@Component
public class NoteRefresher implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(NoteRefresher.class);

	/** How long a claimed request stays this replica's: far longer than a note takes. */
	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final int BATCH = 20;

	private final NoteRefreshes refreshes;

	private final NoteService notes;

	private final PipelineEvents events;

	private final PdfMonitorProperties properties;

	private final MeterRegistry meters;

	private final String owner = ReplicaIdentity.current();

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile boolean running;

	private PipelineEvents.Subscription subscription;

	private Thread worker;

	NoteRefresher(NoteRefreshes refreshes, NoteService notes, PipelineEvents events, PdfMonitorProperties properties,
			MeterRegistry meters) {
		this.refreshes = refreshes;
		this.notes = notes;
		this.events = events;
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public void start() {
		this.running = true;
		if (this.properties.workers() == 0) {
			return;
		}
		this.subscription = this.events.subscribe((event) -> {
			if (event.kind() == PipelineEvent.Kind.CHANGED) {
				this.wakeUp.release();
			}
		});
		this.worker = Thread.ofVirtual().name("note-refresher").start(this::work);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.subscription != null) {
			this.subscription.close();
		}
		this.wakeUp.release();
		if (this.worker != null) {
			try {
				this.worker.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void work() {
		while (this.running) {
			try {
				refreshAll();
			}
			catch (RuntimeException ex) {
				// The database may be away for a moment; the next round tries again.
				log.warn("Could not look for notes to write again: " + ex.getMessage());
			}
			try {
				this.wakeUp.tryAcquire(this.properties.noteSweep().toMillis(), TimeUnit.MILLISECONDS);
				// One round serves every change announced meanwhile.
				this.wakeUp.drainPermits();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Serves the requests no replica holds until there are none. */
	void refreshAll() {
		List<NoteRefreshes.Claimed> claimed;
		while (this.running && !(claimed = this.refreshes.claim(this.owner, LEASE, BATCH)).isEmpty()) {
			for (NoteRefreshes.Claimed request : claimed) {
				refresh(request);
			}
		}
	}

	private void refresh(NoteRefreshes.Claimed request) {
		try {
			boolean written = this.notes.rewrite(request.paperId());
			this.refreshes.done(request);
			this.meters.counter("thoth.pdf.notes.refreshed", "outcome", written ? "written" : "no_note").increment();
		}
		catch (Exception ex) {
			// The request stays: its lease runs out and it is tried again.
			this.meters.counter("thoth.pdf.notes.refreshed", "outcome", "failed").increment();
			String giveUp = (request.attempts() >= NoteRefreshes.MAX_ATTEMPTS)
					? "; given up until the paper changes again" : "; tried again in " + LEASE.toMinutes() + " min";
			log.warn("Could not write the note of paper " + request.paperId() + " again (attempt " + request.attempts()
					+ "): " + ex.getMessage() + giveUp);
		}
	}

}
