package dev.thoth.api.search;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.thoth.clients.api.SearchResults;

import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Caches through Spring's cache abstraction: Redis when THOTH_REDIS_URL is set (shared by
 * every replica), Caffeine in process otherwise. In Redis, values are JSON and raw
 * floats, never Java serialization.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class SearchCaching {

	@Bean
	RedisCacheManagerBuilderCustomizer thothRedisCaches() {
		RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig()
			.prefixCacheNameWith("thoth:api:")
			.disableCachingNullValues();
		return (builder) -> builder
			.withCacheConfiguration(SearchService.CACHE,
					defaults.entryTtl(Duration.ofMinutes(10))
						.serializeValuesWith(SerializationPair
							.fromSerializer(new JacksonJsonRedisSerializer<>(SearchResults.class))))
			.withCacheConfiguration(QueryEmbeddings.CACHE, defaults.entryTtl(Duration.ofDays(7))
				.serializeValuesWith(SerializationPair.fromSerializer(new FloatArraySerializer())));
	}

	/** An embedding as its raw little-endian floats: 1.5 kB for 384 dimensions. */
	static final class FloatArraySerializer implements RedisSerializer<float[]> {

		@Override
		public byte[] serialize(float[] value) {
			if (value == null) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.allocate(value.length * Float.BYTES);
			buffer.asFloatBuffer().put(value);
			return buffer.array();
		}

		@Override
		public float[] deserialize(byte[] bytes) {
			if (bytes == null) {
				return null;
			}
			float[] value = new float[bytes.length / Float.BYTES];
			ByteBuffer.wrap(bytes).asFloatBuffer().get(value);
			return value;
		}

	}

}
