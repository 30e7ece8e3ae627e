package dev.thoth.api.events;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream: pipeline events are queued as they arrive (the transport's thread
 * never waits on a client) and written by the stream's own virtual thread, with a
 * heartbeat comment when there is nothing to say. The subscription ends with the stream,
 * however it ends.
 */
final class EventStream {

	private static final Log log = LogFactory.getLog(EventStream.class);

	/** Jobs whose paper has been looked up, per stream. */
	private static final int KNOWN_JOBS = 1024;

	private final SseEmitter emitter;

	private final EventStreamProperties properties;

	private final UUID jobId;

	private final UUID paperId;

	private final Function<UUID, Optional<UUID>> paperOfJob;

	private final BlockingQueue<PipelineEvent> pending;

	private final Map<UUID, Optional<UUID>> papersOfJobs = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, Optional<UUID>> eldest) {
			return size() > KNOWN_JOBS;
		}

	};

	private final Runnable onClose;

	private volatile boolean open = true;

	private volatile PipelineEvents.Subscription subscription;

	private volatile Thread writer;

	private long sent;

	EventStream(SseEmitter emitter, EventStreamProperties properties, UUID jobId, UUID paperId,
			Function<UUID, Optional<UUID>> paperOfJob, Runnable onClose) {
		this.emitter = emitter;
		this.properties = properties;
		this.jobId = jobId;
		this.paperId = paperId;
		this.paperOfJob = paperOfJob;
		this.pending = new ArrayBlockingQueue<>(properties.maxPending());
		this.onClose = onClose;
	}

	void start(PipelineEvents events) {
		this.emitter.onCompletion(this::close);
		this.emitter.onTimeout(() -> {
			close();
			// Ends the response normally: the client reconnects.
			complete(null);
		});
		this.emitter.onError((ex) -> close());
		this.subscription = events.subscribe(this::arrived);
		this.writer = Thread.ofVirtual().name("event-stream").start(this::write);
	}

	private void arrived(PipelineEvent event) {
		if (this.open && !this.pending.offer(event)) {
			// Too slow to keep up: better a reconnect that re-reads the jobs than gaps.
			log.info("Closing an event stream whose client fell " + this.pending.size() + " events behind");
			this.open = false;
			Thread current = this.writer;
			if (current != null) {
				current.interrupt();
			}
		}
	}

	private void write() {
		try {
			// Tells the client it is subscribed (the transport itself may take a moment
			// to
			// listen after the first subscription of a process).
			this.emitter.send(SseEmitter.event().comment("connected"));
			while (this.open) {
				PipelineEvent event = this.pending.poll(this.properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
				if (event == null) {
					this.emitter.send(SseEmitter.event().comment("heartbeat"));
				}
				else if (wanted(event)) {
					this.emitter.send(SseEmitter.event()
						.name(event.kind().name().toLowerCase(Locale.ROOT))
						.id(Long.toString(++this.sent))
						.data(event, MediaType.APPLICATION_JSON));
				}
			}
			complete(null);
		}
		catch (InterruptedException ex) {
			complete(null);
		}
		catch (IOException | RuntimeException ex) {
			// The client went away, the stream already ended, or a job could not be
			// looked up: the stream ends and the client reconnects.
			complete(ex);
		}
		finally {
			close();
		}
	}

	private void complete(Exception failure) {
		try {
			if (failure != null) {
				this.emitter.completeWithError(failure);
			}
			else {
				this.emitter.complete();
			}
		}
		catch (IllegalStateException ex) {
			// Already completed.
		}
	}

	private boolean wanted(PipelineEvent event) {
		if (event.kind() == PipelineEvent.Kind.CHANGED) {
			// A change made through this API, for the PDF monitors: no pipeline progress.
			return false;
		}
		if (this.jobId != null && !this.jobId.equals(event.jobId())) {
			return false;
		}
		if (this.paperId == null || this.paperId.equals(event.paperId())) {
			return true;
		}
		// Events before a new paper is filed carry none; one published without it (an
		// older monitor) is matched through the job, which names its paper.
		return event.jobId() != null && this.papersOfJobs.computeIfAbsent(event.jobId(), this.paperOfJob)
			.filter(this.paperId::equals)
			.isPresent();
	}

	private void close() {
		PipelineEvents.Subscription current;
		synchronized (this) {
			if (this.subscription == null && !this.open) {
				return;
			}
			this.open = false;
			current = this.subscription;
			this.subscription = null;
		}
		if (current != null) {
			current.close();
			this.onClose.run();
		}
		Thread writing = this.writer;
		if (writing != null && Thread.currentThread() != writing) {
			writing.interrupt();
		}
	}

}
