package dev.thoth.domain.events;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Pipeline events over Redis pub/sub, for deployments that configure Redis. */
final class RedisPipelineEvents implements PipelineEvents, DisposableBean {

	private static final Log log = LogFactory.getLog(RedisPipelineEvents.class);

	private final RedisConnectionFactory connections;

	private final StringRedisTemplate redis;

	private final EventCodec codec = new EventCodec();

	private final Listeners listeners = new Listeners();

	private RedisMessageListenerContainer container;

	private ExecutorService dispatcher;

	RedisPipelineEvents(RedisConnectionFactory connections) {
		this.connections = connections;
		this.redis = new StringRedisTemplate(connections);
	}

	@Override
	public void publish(PipelineEvent event) {
		try {
			this.redis.convertAndSend(CHANNEL, this.codec.encode(event));
		}
		catch (RuntimeException ex) {
			log.warn("Could not publish a pipeline event through Redis: " + ex.getMessage());
		}
	}

	@Override
	public synchronized Subscription subscribe(Consumer<PipelineEvent> consumer) {
		Subscription subscription = this.listeners.add(consumer);
		if (this.container == null) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(this.connections);
			// One thread delivers, in the order Redis sent them: the container's default
			// runs each message on a thread of its own, so a job's "finished" could
			// overtake its last "stage".
			this.dispatcher = Executors
				.newSingleThreadExecutor(Thread.ofVirtual().name("pipeline-events-redis").factory());
			container.setTaskExecutor(new TaskExecutorAdapter(this.dispatcher));
			container.addMessageListener((message, pattern) -> {
				PipelineEvent event = this.codec.decode(new String(message.getBody(), StandardCharsets.UTF_8));
				if (event != null) {
					this.listeners.deliver(event);
				}
			}, new ChannelTopic(CHANNEL));
			container.afterPropertiesSet();
			container.start();
			this.container = container;
		}
		return subscription;
	}

	@Override
	public String transport() {
		return "redis";
	}

	@Override
	public synchronized void destroy() throws Exception {
		if (this.container != null) {
			this.container.destroy();
		}
		if (this.dispatcher != null) {
			this.dispatcher.shutdownNow();
		}
	}

}
