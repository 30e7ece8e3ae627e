package dev.thoth.pdfmonitor.inspection;

import java.util.List;

/**
 * What inspecting a file found: a readable PDF with its text, or a reason to quarantine
 * it.
 */
public sealed interface Inspection {

	/** A PDF with a text layer: the text of each page, in order, and its own metadata. */
	record Readable(List<String> pages, String metadataTitle, String metadataAuthor) implements Inspection {

		public int pageCount() {
			return this.pages.size();
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
