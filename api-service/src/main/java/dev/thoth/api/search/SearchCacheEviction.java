package dev.thoth.api.search;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Empties the search cache whenever a paper finishes ingestion, on every replica, so a
 * newly added paper is found at once. Changes made through this API evict it directly.
 */
@Component
class SearchCacheEviction implements DisposableBean {

	private final CacheManager caches;

	private final PipelineEvents.Subscription subscription;

	SearchCacheEviction(CacheManager caches, PipelineEvents events) {
		this.caches = caches;
		this.subscription = events.subscribe((event) -> {
			if (event.kind() == PipelineEvent.Kind.FINISHED && "DONE".equals(event.status())) {
				evict();
			}
		});
	}

	void evict() {
		Cache searches = this.caches.getCache(SearchService.CACHE);
		if (searches != null) {
			searches.clear();
		}
	}

	@Override
	public void destroy() {
		this.subscription.close();
	}

}
