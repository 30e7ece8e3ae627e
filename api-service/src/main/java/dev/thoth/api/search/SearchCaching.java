package dev.thoth.api.search;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.thoth.clients.api.SearchHit;
import dev.thoth.clients.api.SearchResults;

import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.cache.caffeine.CaffeineCacheManager;
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

	/**
	 * In process, each cache is bounded by the memory its entries take (estimated from
	 * their text and vectors), not by their count: ten thousand cached searches of fifty
	 * passages each held more than the API's whole heap.
	 */
	@Bean
	CacheManagerCustomizer<CaffeineCacheManager> thothWeighedCaches(SearchProperties properties) {
		return (manager) -> {
			manager.registerCustomCache(SearchService.CACHE,
					Caffeine.newBuilder()
						.maximumWeight(properties.cache().searches().toBytes())
						.weigher((Object key, Object value) -> weight(key) + weight(value))
						.expireAfterWrite(Duration.ofMinutes(10))
						.recordStats()
						.build());
			manager.registerCustomCache(QueryEmbeddings.CACHE,
					Caffeine.newBuilder()
						.maximumWeight(properties.cache().queryEmbeddings().toBytes())
						.weigher((Object key, Object value) -> weight(key) + weight(value))
						.expireAfterWrite(Duration.ofDays(7))
						.recordStats()
						.build());
		};
	}

	/**
	 * Roughly the bytes an object takes on the heap: strings, vectors, hits and lists.
	 */
	static int weight(Object value) {
		long bytes = switch (value) {
			case null -> 0;
			case String text -> 40L + text.length();
			case float[] vector -> 16L + 4L * vector.length;
			case SearchResults results -> 64L + weight(results.query()) + weight(results.mode())
					+ results.hits().stream().mapToLong(SearchCaching::weight).sum();
			case SearchHit hit -> 96L + weight(hit.title()) + weight(hit.text()) + weight(hit.section());
			case Collection<?> items -> 32L + items.stream().mapToLong(SearchCaching::weight).sum();
			default -> 64L;
		};
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

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
