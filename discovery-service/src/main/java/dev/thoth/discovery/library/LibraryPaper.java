package dev.thoth.discovery.library;

import java.util.List;
import java.util.UUID;

import dev.thoth.discovery.dedup.WorkKeys;
import dev.thoth.discovery.sources.WorkIds;

/** A paper of the library, as discovery knows it: its keys and its embedding. */
public record LibraryPaper(UUID id, String title, List<String> keys, float[] embedding) {

	static LibraryPaper of(UUID id, String title, List<String> authors, Integer year, String doi, String arxivId,
			float[] embedding) {
		WorkIds ids = new WorkIds(doi, null, arxivId, null, null, null);
		return new LibraryPaper(id, title, WorkKeys.of(ids, title, authors, year), embedding);
	}

}
