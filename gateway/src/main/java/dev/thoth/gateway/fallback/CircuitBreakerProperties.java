package dev.thoth.gateway.fallback;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a route's circuit opens: over the last {@code slidingWindow} calls (once there
 * were {@code minimumCalls}), at {@code failureRatePercent} failures (no connection, no
 * instance, timeout); it stays open for {@code openFor}, then lets a few calls through.
 */
@Validated
@ConfigurationProperties("thoth.gateway.circuit-breaker")
record CircuitBreakerProperties(@DefaultValue("50") @Min(1) @Max(100) float failureRatePercent,
		@DefaultValue("20") @Min(1) int slidingWindow, @DefaultValue("10") @Min(1) int minimumCalls,
		@DefaultValue("30s") Duration openFor) {
}
