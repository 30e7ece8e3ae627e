package dev.thoth.pdfmonitor.jobs;

import java.util.List;

import dev.thoth.domain.jobs.ReprocessStage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import static dev.thoth.domain.jobs.ReprocessStage.ANALYSIS;
import static dev.thoth.domain.jobs.ReprocessStage.CHUNKS;
import static dev.thoth.domain.jobs.ReprocessStage.GRAPH;
import static dev.thoth.domain.jobs.ReprocessStage.METADATA;
import static dev.thoth.domain.jobs.ReprocessStage.NOTE;
import static dev.thoth.domain.jobs.ReprocessStage.REFERENCES;

/**
 * The ingestion pipeline, in order. Each stage names the first start that runs it (a new
 * file starts from {@code metadata}, a re-processing job from the stage it names, a
 * resumed job from {@code graph}); inspect and text run for every job. An optional stage
 * may fail without failing the job.
 */
@Component
class IngestStages {

	private final List<Planned> stages;

	@Autowired
	IngestStages(InspectStage inspect, TextStage text, MetadataStage metadata, LookupStage lookup,
			ReferencesStage references, FileStage file, GraphStage graph, AnalysisStage analysis, NoteStage note,
			ChunksStage chunks) {
		// @formatter:off
		this(List.of(
				always(inspect),              // duplicates end here, bad files go to quarantine
				always(text),                 // the analysis and the chunks are made of it
				from(METADATA, metadata),
				optional(METADATA, lookup),   // failing, the paper keeps its printed metadata
				from(REFERENCES, references),
				from(REFERENCES, file),       // the paper's row, written once
				from(GRAPH, graph),
				optional(ANALYSIS, analysis), // a model that keeps failing fails this stage only
				from(NOTE, note),
				from(CHUNKS, chunks)));
		// @formatter:on
	}

	IngestStages(List<Planned> stages) {
		this.stages = stages;
	}

	List<Planned> stages() {
		return this.stages;
	}

	/**
	 * A stage in the pipeline: the first start that runs it (null: every job), and
	 * whether its failure leaves the job going.
	 */
	record Planned(Stage stage, ReprocessStage from, boolean optional) {

		boolean runsFrom(ReprocessStage start) {
			return this.from == null || start.runs(this.from);
		}

	}

	static Planned always(Stage stage) {
		return new Planned(stage, null, false);
	}

	static Planned from(ReprocessStage start, Stage stage) {
		return new Planned(stage, start, false);
	}

	static Planned optional(ReprocessStage start, Stage stage) {
		return new Planned(stage, start, true);
	}

}
