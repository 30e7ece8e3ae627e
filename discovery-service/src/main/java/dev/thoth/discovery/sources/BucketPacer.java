package dev.thoth.discovery.sources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

/**
 * Pacing with Bucket4j: one token per interval, no burst. Blocking consumption reserves
 * the next free turn atomically and sleeps until it, so concurrent callers queue up in
 * order. In Redis (one key per source) every replica shares the turns; otherwise each
 * process keeps its own.
 */
public final class BucketPacer implements Pacer {

	private final ProxyManager<byte[]> shared;

	private final Map<String, Bucket> local = new ConcurrentHashMap<>();

	private BucketPacer(ProxyManager<byte[]> shared) {
		this.shared = shared;
	}

	/** Turns kept in this process. */
	public static BucketPacer inProcess() {
		return new BucketPacer(null);
	}

	/** Turns shared through Redis by every replica. */
	public static BucketPacer redis(RedisClient client) {
		return new BucketPacer(Bucket4jLettuce.casBasedBuilder(client)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build());
	}

	@Override
	public Duration await(String source, Duration interval) throws InterruptedException {
		if (interval.isZero() || interval.isNegative()) {
			return Duration.ZERO;
		}
		String key = source + ":" + interval.toMillis();
		Bucket bucket = (this.shared != null)
				? this.shared.builder()
					.build(("thoth:discovery:pace:" + key).getBytes(StandardCharsets.UTF_8),
							() -> BucketConfiguration.builder().addLimit(bandwidth(interval)).build())
				: this.local.computeIfAbsent(key, (name) -> Bucket.builder().addLimit(bandwidth(interval)).build());
		long started = System.nanoTime();
		bucket.asBlocking().consume(1);
		return Duration.ofNanos(System.nanoTime() - started);
	}

	@Override
	public String scope() {
		return (this.shared != null) ? "redis" : "in-process";
	}

	private static Bandwidth bandwidth(Duration interval) {
		return Bandwidth.builder().capacity(1).refillGreedy(1, interval).build();
	}

}
