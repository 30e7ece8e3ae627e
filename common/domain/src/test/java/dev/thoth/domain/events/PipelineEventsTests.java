package dev.thoth.domain.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events cross process boundaries: two application contexts stand for two replicas, one
 * publishing and one listening, over real PostgreSQL and real Redis.
 */
class PipelineEventsTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	private final ApplicationContextRunner postgresOnly = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, PipelineEventsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + database.url(), "spring.datasource.username=" + database.user(),
				"spring.datasource.password=" + database.password());

	private final ApplicationContextRunner withRedis = this.postgresOnly
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=" + TestServers.redisUrl());

	@Test
	void withoutRedisEventsTravelThroughPostgres() {
		this.postgresOnly.run((publisher) -> this.postgresOnly.run((listener) -> {
			PipelineEvents sending = publisher.getBean(PipelineEvents.class);
			PipelineEvents receiving = listener.getBean(PipelineEvents.class);
			assertThat(sending.transport()).isEqualTo("postgres");
			assertDelivered(sending, receiving);
		}));
	}

	@Test
	void withRedisEventsTravelThroughRedis() {
		this.withRedis.run((publisher) -> this.withRedis.run((listener) -> {
			PipelineEvents sending = publisher.getBean(PipelineEvents.class);
			PipelineEvents receiving = listener.getBean(PipelineEvents.class);
			assertThat(sending.transport()).isEqualTo("redis");
			assertDelivered(sending, receiving);
		}));
	}

	@Test
	void redisDeliversEventsInTheOrderTheyWerePublished() {
		this.withRedis.run((publisher) -> this.withRedis.run((listener) -> {
			PipelineEvents sending = publisher.getBean(PipelineEvents.class);
			BlockingQueue<PipelineEvent> heard = new LinkedBlockingQueue<>();
			listener.getBean(PipelineEvents.class).subscribe(heard::add);
			awaitListening(sending, heard);
			UUID job = UUID.randomUUID();
			for (int i = 0; i < 200; i++) {
				sending.publish(PipelineEvent.stage(job, "text", "DONE", Integer.toString(i)));
			}
			for (int i = 0; i < 200; i++) {
				assertThat(next(heard).message()).isEqualTo(Integer.toString(i));
			}
		}));
	}

	@Test
	void aClosedSubscriptionHearsNothingMore() throws Exception {
		this.postgresOnly.run((context) -> {
			PipelineEvents events = context.getBean(PipelineEvents.class);
			BlockingQueue<PipelineEvent> first = new LinkedBlockingQueue<>();
			BlockingQueue<PipelineEvent> second = new LinkedBlockingQueue<>();
			PipelineEvents.Subscription closed = events.subscribe(first::add);
			events.subscribe(second::add);
			awaitListening(events, second);
			closed.close();
			UUID job = UUID.randomUUID();
			events.publish(PipelineEvent.queued(job));
			assertThat(second.poll(10, TimeUnit.SECONDS)).extracting(PipelineEvent::jobId).isEqualTo(job);
			assertThat(first).extracting(PipelineEvent::jobId).doesNotContain(job);
		});
	}

	@Test
	void longMessagesAreShortenedToFitANotification() {
		PipelineEvent event = PipelineEvent.stage(UUID.randomUUID(), "analysis", "FAILED", "x".repeat(20_000));
		assertThat(event.message()).hasSize(PipelineEvent.MAX_MESSAGE_LENGTH).endsWith("…");
	}

	private static void assertDelivered(PipelineEvents sending, PipelineEvents receiving) throws InterruptedException {
		BlockingQueue<PipelineEvent> heard = new LinkedBlockingQueue<>();
		receiving.subscribe(heard::add);
		awaitListening(sending, heard);
		heard.clear();
		UUID job = UUID.randomUUID();
		UUID paper = UUID.randomUUID();
		sending.publish(PipelineEvent.stage(job, "text", "DONE", "OCR on 2 of 2 pages"));
		sending.publish(PipelineEvent.finished(job, paper, "DONE", null));
		List<PipelineEvent> received = List.of(next(heard), next(heard));
		assertThat(received).extracting(PipelineEvent::kind)
			.containsExactly(PipelineEvent.Kind.STAGE, PipelineEvent.Kind.FINISHED);
		assertThat(received.get(0).stage()).isEqualTo("text");
		assertThat(received.get(0).message()).isEqualTo("OCR on 2 of 2 pages");
		assertThat(received.get(1).paperId()).isEqualTo(paper);
		assertThat(received).allSatisfy((event) -> assertThat(event.jobId()).isEqualTo(job));
	}

	/**
	 * Subscribing is asynchronous: publish probes until the listener hears one, then read
	 * up to the last probe sent, so no probe is left to be mistaken for a later event.
	 */
	private static void awaitListening(PipelineEvents sending, BlockingQueue<PipelineEvent> heard)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			UUID probe = UUID.randomUUID();
			sending.publish(PipelineEvent.queued(probe));
			PipelineEvent event = heard.poll(200, TimeUnit.MILLISECONDS);
			if (event != null) {
				while (event != null && !probe.equals(event.jobId())) {
					event = heard.poll(10, TimeUnit.SECONDS);
				}
				return;
			}
		}
		throw new AssertionError("the listener never heard a probe event");
	}

	private static PipelineEvent next(BlockingQueue<PipelineEvent> heard) throws InterruptedException {
		PipelineEvent event = heard.poll(10, TimeUnit.SECONDS);
		assertThat(event).as("an event within 10 s").isNotNull();
		return event;
	}

}
