package dev.thoth.domain.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The listeners of one transport; one failing listener does not starve the others. */
final class Listeners {

	private static final Log log = LogFactory.getLog(Listeners.class);

	private final List<Consumer<PipelineEvent>> listeners = new CopyOnWriteArrayList<>();

	PipelineEvents.Subscription add(Consumer<PipelineEvent> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	boolean isEmpty() {
		return this.listeners.isEmpty();
	}

	void deliver(PipelineEvent event) {
		for (Consumer<PipelineEvent> listener : this.listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				log.warn("A pipeline event listener failed: " + ex.getMessage(), ex);
			}
		}
	}

}
