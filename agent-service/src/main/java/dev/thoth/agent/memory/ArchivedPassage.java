package dev.thoth.agent.memory;

import java.time.Instant;

/**
 * A passage of archival memory.
 *
 * @param id the store's id for it
 * @param text its text
 * @param createdAt when it was stored
 * @param score how close it is to a search, 0 to 1 (null outside a search)
 */
public record ArchivedPassage(String id, String text, Instant createdAt, Double score) {

	public ArchivedPassage withScore(double score) {
		return new ArchivedPassage(this.id, this.text, this.createdAt, score);
	}

}
