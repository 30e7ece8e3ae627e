package dev.thoth.api.search;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.vectorstore.index.SearchIndex;
import dev.thoth.vectorstore.index.SearchIndexListener;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A rebuild's progress on this replica, as {@code index} events on the event stream
 * (every client of every replica hears them); and the search cache emptied whenever this
 * replica's index applied changes, so that no search answered before the change is served
 * from the cache after it.
 */
@Component
class SearchIndexEvents implements SearchIndexListener {

	private final PipelineEvents events;

	private final SearchCacheEviction cache;

	private final String instance;

	SearchIndexEvents(PipelineEvents events, SearchCacheEviction cache,
			@Value("${management.metrics.tags.instance:api}") String instance) {
		this.events = events;
		this.cache = cache;
		this.instance = instance;
	}

	@Override
	public void accept(SearchIndex.Progress progress) {
		if (SearchIndex.Progress.APPLIED.equals(progress.phase())) {
			this.cache.evict();
			return;
		}
		this.events.publish(PipelineEvent.index(progress.phase(), "replica " + this.instance + ": " + progress.message()
				+ " (" + progress.done() + " of " + progress.total() + " passages)"));
	}

}
