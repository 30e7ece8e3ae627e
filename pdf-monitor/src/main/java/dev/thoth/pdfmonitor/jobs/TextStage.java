package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;

import dev.thoth.pdfmonitor.inspection.Checked;
import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.PdfInspector;

import org.springframework.stereotype.Component;

/**
 * The PDF's text page by page, OCR for pages without a text layer (noted in the stage's
 * message). Every job runs it: the analysis and the chunks are made of the text. A PDF
 * without text is rejected like a bad file.
 */
@Component
class TextStage implements Stage {

	private final PdfInspector inspector;

	private final Rejections rejections;

	TextStage(PdfInspector inspector, Rejections rejections) {
		this.inspector = inspector;
		this.rejections = rejections;
	}

	@Override
	public String name() {
		return "text";
	}

	@Override
	public StageResult run(IngestJob job) throws IOException {
		return switch (this.inspector.readText(job.document())) {
			case Checked.Passed<PdfInspector.Text>(PdfInspector.Text text) -> {
				job.text(text.text());
				yield StageResult.of("DONE", text.note());
			}
			case Checked.Rejected<PdfInspector.Text>(Inspection.Rejected rejected) ->
				this.rejections.reject(job, rejected);
		};
	}

}
