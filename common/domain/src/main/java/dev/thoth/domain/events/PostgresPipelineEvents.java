package dev.thoth.domain.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pipeline events over PostgreSQL {@code NOTIFY}/{@code LISTEN}: every replica that
 * shares the database hears them, and a notification sent inside a transaction goes out
 * only if it commits. One connection per process listens, from the first subscription on.
 */
final class PostgresPipelineEvents implements PipelineEvents, DisposableBean {

	private static final Log log = LogFactory.getLog(PostgresPipelineEvents.class);

	/** How long one wait for notifications lasts before checking for shutdown. */
	private static final int POLL_MILLIS = 500;

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final EventCodec codec = new EventCodec();

	private final Listeners listeners = new Listeners();

	private volatile boolean running;

	private Thread listener;

	PostgresPipelineEvents(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void publish(PipelineEvent event) {
		try {
			this.jdbc.sql("select pg_notify(:channel, :payload)")
				.param("channel", CHANNEL)
				.param("payload", this.codec.encode(event))
				.query()
				.singleRow();
		}
		catch (DataAccessException ex) {
			log.warn("Could not publish a pipeline event through PostgreSQL: " + ex.getMessage());
		}
	}

	@Override
	public synchronized Subscription subscribe(Consumer<PipelineEvent> consumer) {
		Subscription subscription = this.listeners.add(consumer);
		if (this.listener == null) {
			this.running = true;
			this.listener = Thread.ofVirtual().name("pipeline-events-listener").start(this::listen);
		}
		return subscription;
	}

	@Override
	public String transport() {
		return "postgres";
	}

	private void listen() {
		Duration backoff = Duration.ofSeconds(1);
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				backoff = Duration.ofSeconds(1);
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
					if (notifications == null) {
						continue;
					}
					for (PGNotification notification : notifications) {
						PipelineEvent event = this.codec.decode(notification.getParameter());
						if (event != null) {
							this.listeners.deliver(event);
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Lost the PostgreSQL connection that listens for pipeline events (" + ex.getMessage()
						+ "); retrying in " + backoff.toSeconds() + " s");
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					return;
				}
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread thread;
		synchronized (this) {
			this.running = false;
			thread = this.listener;
		}
		if (thread != null) {
			thread.join(Duration.ofMillis(POLL_MILLIS * 4L));
		}
	}

}
