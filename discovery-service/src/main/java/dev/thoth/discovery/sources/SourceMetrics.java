package dev.thoth.discovery.sources;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The sources' meters, tagged {@code source}: every request with its outcome
 * ({@code thoth_discovery_source_requests_seconds_*}; an outcome other than
 * {@code success} is an error) and every wait for a rate limit or a Retry-After
 * ({@code thoth_discovery_source_rate_limit_wait_seconds_*}). Registered for every source
 * at start, so dashboards and alerts see zeros rather than nothing.
 */
public final class SourceMetrics {

	public static final String REQUESTS = "thoth.discovery.source.requests";

	public static final String RATE_LIMIT_WAIT = "thoth.discovery.source.rate.limit.wait";

	private final MeterRegistry meters;

	public SourceMetrics(MeterRegistry meters, List<String> sources) {
		this.meters = meters;
		for (String source : sources) {
			requests(source, "success");
			waits(source);
		}
	}

	void request(String source, String outcome, Duration took) {
		requests(source, outcome).record(took);
	}

	void waited(String source, Duration wait) {
		waits(source).record(wait);
	}

	private Timer requests(String source, String outcome) {
		return Timer.builder(REQUESTS)
			.description("Requests to a paper source, by outcome")
			.tags("source", source, "outcome", outcome)
			.register(this.meters);
	}

	private Timer waits(String source) {
		return Timer.builder(RATE_LIMIT_WAIT)
			.description("Time spent waiting for a source's rate limit or Retry-After")
			.tags("source", source)
			.register(this.meters);
	}

}
