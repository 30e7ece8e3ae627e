package dev.thoth.pdfmonitor.inspection;

/**
 * The outcome of one step of reading a PDF: what the step read, or why the file cannot be
 * ingested.
 */
public sealed interface Checked<T> {

	record Passed<T>(T value) implements Checked<T> {

	}

	record Rejected<T>(Inspection.Rejected rejection) implements Checked<T> {

	}

}
