package dev.thoth.domain.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the re-processing of a library paper may start. Every stage from the one named to
 * the end runs again on the PDF stored under {@code papers/}; the file is never moved,
 * the paper keeps its id, and the user's corrections are applied again. The stages before
 * filing that are not listed (inspect, text, lookup) are part of {@link #METADATA}: the
 * text is read again from the stored PDF in every case, since the analysis and the chunks
 * are made from it.
 */
public enum ReprocessStage {

	/** Everything: text, metadata, lookup, references, graph, analysis, note, chunks. */
	METADATA,

	/** The reference list parsed again, then graph, analysis, note, chunks. */
	REFERENCES,

	/** The citation graph resolved again, then analysis, note, chunks. */
	GRAPH,

	/** A new analysis (model or offline), then note and chunks. */
	ANALYSIS,

	/** The note written again in place, then the chunks. */
	NOTE,

	/** The chunks embedded again, replacing the paper's old ones. */
	CHUNKS;

	/** The pipeline's name of the stage, as jobs record it. */
	public String stage() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether this start runs {@code stage} (true for it and every later one). */
	public boolean runs(ReprocessStage stage) {
		return compareTo(stage) <= 0;
	}

	public static Optional<ReprocessStage> of(String stage) {
		return Arrays.stream(values()).filter((value) -> value.stage().equals(stage)).findFirst();
	}

	/** "metadata, references, …", for messages and the API description. */
	public static String names() {
		return Arrays.stream(values()).map(ReprocessStage::stage).collect(Collectors.joining(", "));
	}

}
