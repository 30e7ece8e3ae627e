package dev.thoth.vectorstore;

import java.util.UUID;

/**
 * A search result. Higher scores are better; a semantic score is the cosine similarity
 * (-1..1); a lexical score is store-specific and only comparable within one result list.
 */
public record Hit(UUID chunkId, UUID paperId, int page, String section, String text, double score) {

}
