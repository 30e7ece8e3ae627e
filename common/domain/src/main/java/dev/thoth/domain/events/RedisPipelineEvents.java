package dev.thoth.domain.events;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
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
	}

}
