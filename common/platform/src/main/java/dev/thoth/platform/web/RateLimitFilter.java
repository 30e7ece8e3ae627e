package dev.thoth.platform.web;

import java.io.IOException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how many requests one client makes per minute, answering 429 with
 * {@code Retry-After} beyond it. A client is its address: the remote address, or the
 * first {@code X-Forwarded-For} hop when the request comes through a proxy on a trusted
 * network (the gateway, nginx). Health and metrics are never limited.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiterConfig config;

	private final TrustedNetworks proxies;

	private final ProblemWriter problems;

	/** Idle clients are forgotten, so the table cannot grow without bound. */
	private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	RateLimitFilter(int requestsPerMinute, TrustedNetworks proxies, ProblemWriter problems) {
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(requestsPerMinute)
			.limitRefreshPeriod(Duration.ofMinutes(1))
			.timeoutDuration(Duration.ZERO)
			.build();
		this.proxies = proxies;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = clientOf(request);
		RateLimiter limiter = this.limiters.get(client, (key) -> RateLimiter.of("client", this.config));
		if (limiter.acquirePermission()) {
			chain.doFilter(request, response);
			return;
		}
		long waitNanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
		long seconds = Math.max(1, (long) Math.ceil(waitNanos / 1_000_000_000.0));
		response.setHeader("Retry-After", Long.toString(seconds));
		this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "More than "
				+ this.config.getLimitForPeriod() + " requests a minute from this client; retry in " + seconds + " s.");
	}

	private String clientOf(HttpServletRequest request) {
		String remote = request.getRemoteAddr();
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded != null && !forwarded.isBlank() && this.proxies.contains(remote)) {
			return forwarded.split(",")[0].strip();
		}
		return remote;
	}

	/** Writes a problem-details response, as the rest of the platform does. */
	@FunctionalInterface
	interface ProblemWriter {

		void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
				throws IOException;

	}

}
