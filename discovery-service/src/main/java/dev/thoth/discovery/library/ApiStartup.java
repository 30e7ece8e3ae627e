package dev.thoth.discovery.library;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.thoth.platform.config.ThothProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether the API has answered since this service started. The schedule, the retraction
 * watch and the ingest check wait for it: polled while the API is still starting (every
 * service starts at once), their failures fill the circuit breaker's window, and the
 * circuit then opens on the first success and refuses a researcher's first imports and
 * runs for a while. Once the API has answered, outages are the circuit breaker's to
 * handle.
 *
 * <p>
 * The probe is a plain JDK client, outside the circuit breaker, so that probing does not
 * count against it.
 */
@Component
public class ApiStartup {

	private static final Log log = LogFactory.getLog(ApiStartup.class);

	private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final URI health;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

	private volatile boolean answered;

	private volatile long nextProbe;

	@Autowired
	ApiStartup(ThothProperties properties) {
		this(properties.api().url());
	}

	ApiStartup(String apiUrl) {
		this.health = URI.create(apiUrl.replaceAll("/+$", "") + "/health");
	}

	/**
	 * True once the API's health check has answered 200; probes at most once a second. A
	 * caller that comes while another thread probes waits for that probe's answer: read
	 * as "not yet", it made a scheduled task skip though the API was answering.
	 */
	public boolean apiHasAnswered() {
		if (this.answered) {
			return true;
		}
		synchronized (this) {
			return this.answered || probe();
		}
	}

	private boolean probe() {
		long now = System.nanoTime();
		if (now - this.nextProbe < 0) {
			return false;
		}
		this.nextProbe = now + PROBE_INTERVAL.toNanos();
		try {
			int status = this.http
				.send(HttpRequest.newBuilder(this.health).timeout(PROBE_TIMEOUT).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
			if (status == 200) {
				this.answered = true;
				log.info("The API answers at " + this.health + ": scheduled discovery work starts");
			}
		}
		catch (IOException ex) {
			log.debug("The API at " + this.health + " has not come up yet: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.answered;
	}

}
