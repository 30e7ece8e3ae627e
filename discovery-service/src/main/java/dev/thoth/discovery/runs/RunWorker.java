package dev.thoth.discovery.runs;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.thoth.discovery.DiscoveryProperties;
import dev.thoth.discovery.library.ApiStartup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the queued runs, one at a time per replica, on its own thread: woken at once when
 * a run is queued here, and on every tick for runs queued elsewhere or left by a replica
 * that stopped. While a run goes, its lease is renewed; the replica that stops holding it
 * lets another take it over when the lease runs out.
 */
@Component
public class RunWorker implements DisposableBean {

	private static final Log log = LogFactory.getLog(RunWorker.class);

	private final RunQueue queue;

	private final DiscoveryRun run;

	private final DiscoveryProperties.Schedule settings;

	private final String owner;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile boolean stopping;

	private final ApiStartup api;

	RunWorker(RunQueue queue, DiscoveryRun run, DiscoveryProperties properties, ApiStartup api) {
		this.api = api;
		this.queue = queue;
		this.run = run;
		this.settings = properties.schedule();
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
	}

	@Scheduled(fixedDelayString = "${thoth.discovery.schedule.tick}", initialDelay = 2000)
	void tick() {
		// Runs queued before a restart wait for the API, which they read from.
		if (this.api.apiHasAnswered()) {
			wake();
		}
	}

	/** Looks for runs to do now, unless this replica is doing them already. */
	public void wake() {
		if (!this.stopping && this.draining.compareAndSet(false, true)) {
			this.executor.submit(this::drain);
		}
	}

	private void drain() {
		try {
			while (!this.stopping) {
				Optional<ClaimedRun> claimed = this.queue.claim(this.owner, this.settings.lease(),
						this.settings.maxAttempts());
				if (claimed.isEmpty()) {
					return;
				}
				execute(claimed.get());
			}
		}
		catch (RuntimeException ex) {
			log.error("Discovery runs stopped until the next tick: " + ex.getMessage(), ex);
		}
		finally {
			this.draining.set(false);
		}
	}

	private void execute(ClaimedRun claimed) {
		if (claimed.attempts() > 1) {
			log.info("Run " + claimed.id() + " taken over (attempt " + claimed.attempts() + ")");
		}
		Duration every = this.settings.lease().dividedBy(3);
		Thread heartbeat = Thread.ofVirtual().name("discovery-lease-" + claimed.id()).start(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					Thread.sleep(every);
					if (!this.queue.renew(claimed.id(), this.owner, this.settings.lease())) {
						log.warn("Run " + claimed.id() + ": its lease was lost");
						return;
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		try {
			this.run.run(claimed, this.owner);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			try {
				this.queue.release(claimed.id(), this.owner);
				log.info("Run " + claimed.id() + " given back to the queue: this replica is stopping");
			}
			catch (RuntimeException notReleased) {
				// Its lease runs out and another replica takes it over.
			}
		}
		catch (RuntimeException ex) {
			log.error("Run " + claimed.id() + " failed", ex);
			this.run.end(claimed, this.owner, "failed", ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		finally {
			heartbeat.interrupt();
		}
	}

	String owner() {
		return this.owner;
	}

	@Override
	public void destroy() {
		this.stopping = true;
		this.executor.shutdownNow();
	}

}
