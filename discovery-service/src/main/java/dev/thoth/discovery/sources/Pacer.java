package dev.thoth.discovery.sources;

import java.time.Duration;

/**
 * Spaces a source's requests by its minimum interval, across every replica when the
 * pacing state is shared (Redis), or within this process.
 */
public interface Pacer {

	/**
	 * Waits until the source may be called again and takes that turn.
	 * @return how long it waited
	 */
	Duration await(String source, Duration interval) throws InterruptedException;

	/** "redis" or "in-process", for the health details. */
	String scope();

}
