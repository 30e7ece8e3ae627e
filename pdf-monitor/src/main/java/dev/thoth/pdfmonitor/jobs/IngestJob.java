package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.Paper;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.ExtractedText;
import dev.thoth.pdfmonitor.extraction.ParsedReferences;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * One job as its stages go: the claimed job, the stage it starts from, the PDF it reads,
 * and what the stages have produced so far for those after them. A new file starts from
 * {@link ReprocessStage#METADATA}; a re-processing job from the stage it names; a job
 * whose content the library holds unfinished is resumed from {@link ReprocessStage#GRAPH}
 * by the inspect stage.
 */
final class IngestJob implements AutoCloseable {

	private final ClaimedJob claimed;

	private ReprocessStage from;

	private Path file;

	private boolean libraryCopy;

	private Paper paper;

	private PDDocument document;

	private ExtractedText text;

	private ExtractedMetadata metadata;

	private ParsedReferences references;

	private final Set<UUID> citing = new LinkedHashSet<>();

	IngestJob(ClaimedJob claimed) {
		this.claimed = claimed;
		this.from = claimed.reprocessing() ? ReprocessStage.of(claimed.reprocessFrom()).orElse(ReprocessStage.METADATA)
				: ReprocessStage.METADATA;
		this.file = Path.of(claimed.sourcePath());
	}

	ClaimedJob claimed() {
		return this.claimed;
	}

	/** The first stage this job runs besides inspect and text, which every job runs. */
	ReprocessStage from() {
		return this.from;
	}

	void startFrom(ReprocessStage stage) {
		this.from = stage;
	}

	/** The PDF the stages read: the file in the inbox, or the library's stored copy. */
	Path file() {
		return this.file;
	}

	/**
	 * Whether {@link #file()} is the library's stored copy, which is never moved or
	 * quarantined.
	 */
	boolean libraryCopy() {
		return this.libraryCopy;
	}

	/** The job works on a paper the library holds, from its stored PDF. */
	void continueWith(Paper paper) {
		this.paper = paper;
		this.file = Path.of(paper.getFilePath());
		this.libraryCopy = true;
	}

	/** The paper's row, once it exists (filed, or held by the library already). */
	Paper paper() {
		return this.paper;
	}

	void paper(Paper paper) {
		this.paper = paper;
	}

	/** The PDF, open from the inspect stage until its text and metadata are read. */
	PDDocument document() {
		return this.document;
	}

	void document(PDDocument document) {
		this.document = document;
	}

	ExtractedText text() {
		return this.text;
	}

	void text(ExtractedText text) {
		this.text = text;
	}

	int pageCount() {
		return this.text.pages().size();
	}

	/** The metadata read in this job (null when its start skips the metadata). */
	ExtractedMetadata metadata() {
		return this.metadata;
	}

	void metadata(ExtractedMetadata metadata) {
		this.metadata = metadata;
	}

	/** The reference list parsed in this job (null when its start skips it). */
	ParsedReferences references() {
		return this.references;
	}

	void references(ParsedReferences references) {
		this.references = references;
	}

	/** Papers whose notes gain (or follow) a link to this paper. */
	Set<UUID> citing() {
		return this.citing;
	}

	/** The PDF is read no more. */
	void closeDocument() throws IOException {
		if (this.document != null) {
			this.document.close();
			this.document = null;
		}
	}

	@Override
	public void close() throws IOException {
		closeDocument();
	}

}
