package dev.thoth.domain.events;

import java.util.function.Consumer;

/**
 * Publishes pipeline progress to every service replica that listens: through Redis
 * pub/sub when Redis is configured, through PostgreSQL {@code NOTIFY} otherwise, so the
 * local run streams progress with no Redis at all. Delivery is at most once; a listener
 * that needs the whole story reads the job's stages.
 */
public interface PipelineEvents {

	/** The channel name in both transports. */
	String CHANNEL = "thoth_pipeline_events";

	/**
	 * Sends the event; never throws, since progress must not fail the work it reports.
	 */
	void publish(PipelineEvent event);

	/** Calls the listener for every event published from now on, until closed. */
	Subscription subscribe(Consumer<PipelineEvent> listener);

	/** "redis" or "postgres", for health and logs. */
	String transport();

	/** A registered listener. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
