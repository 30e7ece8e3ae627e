package dev.thoth.discovery.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one source did in one run: requests, time spent waiting for its rate limit (and
 * its Retry-After answers), and the errors it recovered from or gave up on.
 */
public final class SourceTally {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong waitedNanos = new AtomicLong();

	private final List<String> errors = new ArrayList<>();

	void request() {
		this.requests.incrementAndGet();
	}

	void waited(Duration wait) {
		this.waitedNanos.addAndGet(wait.toNanos());
	}

	/** An error on the way (a 429 retried, a page that failed); the run reports it. */
	public synchronized void error(String error) {
		if (this.errors.size() < 20) {
			this.errors.add(error);
		}
	}

	public long requests() {
		return this.requests.get();
	}

	public Duration waited() {
		return Duration.ofNanos(this.waitedNanos.get());
	}

	public synchronized List<String> errors() {
		return List.copyOf(this.errors);
	}

}
