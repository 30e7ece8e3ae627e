package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;

/**
 * One step of ingesting a PDF. A stage takes the {@link IngestJob} as the stages before
 * it left it (the paper, its text, its metadata…), adds what it produces to it, and
 * returns what the pipeline records for it: a status and a message, and whether the job
 * ends there. It does not record, time or retry itself ({@link IngestPipeline} does), and
 * it never calls another stage.
 */
interface Stage {

	/** The stage's name, as the job's stage rows and the API show it. */
	String name();

	/**
	 * Runs the stage. An exception fails it: the pipeline records the error, and unless
	 * the stage is optional, fails the attempt so that the worker tries the job again.
	 */
	StageResult run(IngestJob job) throws IOException;

}
