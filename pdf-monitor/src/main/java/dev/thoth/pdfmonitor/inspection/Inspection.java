package dev.thoth.pdfmonitor.inspection;

import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.ExtractedText;

/**
 * What inspecting a file found: a readable PDF with its text, or a reason to quarantine
 * it.
 */
public sealed interface Inspection {

	/**
	 * A PDF with text: its text page by page and its metadata, and a note on how the text
	 * was read when some pages had no text layer ("OCR on 2 of 2 pages"), else null.
	 */
	record Readable(ExtractedText text, ExtractedMetadata metadata, String textNote) implements Inspection {

		public int pageCount() {
			return this.text.pages().size();
		}

	}

	/** A file that cannot be ingested, and why, in words a user understands. */
	record Rejected(QuarantineReason reason, String detail) implements Inspection {

		public String explanation() {
			return (this.detail == null || this.detail.isBlank()) ? this.reason.description()
					: this.reason.description() + " (" + this.detail + ")";
		}

	}

}
