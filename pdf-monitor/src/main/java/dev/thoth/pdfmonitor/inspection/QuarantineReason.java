package dev.thoth.pdfmonitor.inspection;

/** Why a file cannot become a paper; each is counted in metrics under its code. */
public enum QuarantineReason {

	EMPTY("empty file"),

	NOT_PDF("not a PDF: the content does not start with %PDF-"),

	TOO_LARGE("larger than the configured limit"),

	ENCRYPTED("encrypted PDF: it needs a password to open"),

	TRUNCATED("truncated PDF: the file ends before its end-of-file marker"),

	CORRUPT("corrupt PDF: it cannot be parsed"),

	NO_TEXT("no extractable text: the pages are images without a text layer");

	private final String description;

	QuarantineReason(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
