package dev.thoth.vectorstore;

import java.util.UUID;

/**
 * A search result. Higher scores are better; a semantic score is the cosine similarity
 * (-1..1); a lexical score is store-specific and only comparable within one result list.
 * A candidate ({@link #candidate}) has no text, section or page yet:
 * {@link VectorStore#withText(List)} reads them.
 */
public record Hit(UUID chunkId, UUID paperId, int page, String section, String text, double score) {

	/** A passage ranked, its text not read yet. */
	public static Hit candidate(UUID chunkId, UUID paperId, double score) {
		return new Hit(chunkId, paperId, 0, null, null, score);
	}

	public boolean isCandidate() {
		return this.text == null;
	}

}
