package dev.thoth.discovery.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.thoth.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas' pacers on the real Redis share one source's turns: six requests at once,
 * three from each, with a 200 ms interval, take at least a second in all.
 */
class SharedPacingTests {

	@Test
	void twoReplicasShareTheTurnsOfOneSource() throws Exception {
		RedisClient first = RedisClient.create(TestServers.redisUrl());
		RedisClient second = RedisClient.create(TestServers.redisUrl());
		try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
			List<Pacer> replicas = List.of(BucketPacer.redis(first), BucketPacer.redis(second));
			assertThat(replicas.get(0).scope()).isEqualTo("redis");
			String source = "test-" + UUID.randomUUID();
			long started = System.nanoTime();
			List<Future<Duration>> waits = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				Pacer pacer = replicas.get(i % 2);
				waits.add(threads.submit(() -> pacer.await(source, Duration.ofMillis(200))));
			}
			Duration longest = Duration.ZERO;
			for (Future<Duration> wait : waits) {
				Duration waited = wait.get();
				longest = (waited.compareTo(longest) > 0) ? waited : longest;
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
			assertThat(longest).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		}
		finally {
			first.shutdown();
			second.shutdown();
		}
	}

}
