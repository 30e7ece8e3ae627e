package dev.thoth.vectorstore.index;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The search index of a service that searches (the API sets {@code enabled}).
 *
 * @param enabled whether this service keeps an index (the API) or only writes passages
 * (the PDF monitor)
 * @param dir THOTH_SEARCH_INDEX_DIR: where the index lives, on this replica's own disk
 * (never a shared folder: each replica keeps its own)
 * @param poll THOTH_SEARCH_INDEX_POLL: how often the index looks for changes when no
 * notification came
 * @param commitInterval how often applied changes are written to disk at most
 * @param retention THOTH_SEARCH_INDEX_RETENTION: how long changes stay listed for
 * replicas that are stopped; one stopped longer rebuilds
 * @param buildThreads THOTH_SEARCH_INDEX_BUILD_THREADS: threads that build a new index
 */
@Validated
@ConfigurationProperties("thoth.search.index")
public record SearchIndexProperties(@DefaultValue("false") boolean enabled, @NotNull Path dir,
		@NotNull @DefaultValue("1s") Duration poll, @NotNull @DefaultValue("5s") Duration commitInterval,
		@NotNull @DefaultValue("7d") Duration retention, @Min(1) @Max(64) @DefaultValue("2") int buildThreads) {

	public SearchIndexProperties {
		if (dir == null) {
			dir = Path.of(
					System.getProperty("thoth-launcher.state-dir", System.getProperty("java.io.tmpdir") + "/thoth"),
					"search-index");
		}
	}

	public SearchIndex.Settings settingsForIndex() {
		return new SearchIndex.Settings(this.dir, this.poll, this.commitInterval, this.retention, this.buildThreads);
	}

}
