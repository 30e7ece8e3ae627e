package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;

import dev.thoth.pdfmonitor.corrections.UserCorrections;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.inspection.Checked;
import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.PdfInspector;

import org.springframework.stereotype.Component;

/**
 * The printed metadata, from the page layout. For a paper the library holds, the user's
 * corrections are laid over it before the lookup, so that a DOI the user fixed finds the
 * right record. The last stage that reads the PDF itself: it closes it.
 */
@Component
class MetadataStage implements Stage {

	private final PdfInspector inspector;

	private final UserCorrections corrections;

	private final Rejections rejections;

	MetadataStage(PdfInspector inspector, UserCorrections corrections, Rejections rejections) {
		this.inspector = inspector;
		this.corrections = corrections;
		this.rejections = rejections;
	}

	@Override
	public String name() {
		return "metadata";
	}

	@Override
	public StageResult run(IngestJob job) throws IOException {
		Checked<ExtractedMetadata> read = this.inspector.readMetadata(job.document(), job.text());
		job.closeDocument();
		return switch (read) {
			case Checked.Passed<ExtractedMetadata>(ExtractedMetadata printed) -> {
				job.metadata((job.paper() != null) ? this.corrections.applyTo(job.paper().getId(), printed) : printed);
				yield StageResult.done();
			}
			case Checked.Rejected<ExtractedMetadata>(Inspection.Rejected rejected) ->
				this.rejections.reject(job, rejected);
		};
	}

}
