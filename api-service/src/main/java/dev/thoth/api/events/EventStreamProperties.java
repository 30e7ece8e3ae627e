package dev.thoth.api.events;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live event stream.
 *
 * @param heartbeat how often an idle stream sends a comment, so proxies keep it open and
 * a dead client is noticed
 * @param timeout how long one stream lasts; the client reconnects (EventSource does so by
 * itself)
 * @param maxStreams streams open at once on this replica; more are refused with 503
 * @param maxPending events waiting for a slow client before its stream is closed
 */
@Validated
@ConfigurationProperties("thoth.events")
record EventStreamProperties(@NotNull @DefaultValue("15s") Duration heartbeat,
		@NotNull @DefaultValue("30m") Duration timeout, @Min(1) @DefaultValue("500") int maxStreams,
		@Min(1) @DefaultValue("1000") int maxPending) {
}
