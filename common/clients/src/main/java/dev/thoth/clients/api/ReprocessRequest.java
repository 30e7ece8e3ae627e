package dev.thoth.clients.api;

import jakarta.validation.constraints.Pattern;

/**
 * What to re-process of a paper.
 *
 * @param fromStage the first stage to run again, with every later one: metadata
 * (everything, the default), references, graph, analysis, note or chunks
 */
public record ReprocessRequest(@Pattern(regexp = "^(metadata|references|graph|analysis|note|chunks)$",
		message = "must be one of metadata, references, graph, analysis, note, chunks") String fromStage) {
}
