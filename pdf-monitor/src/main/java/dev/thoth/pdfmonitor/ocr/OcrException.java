package dev.thoth.pdfmonitor.ocr;

/** Tesseract could not read a page: it timed out, failed, or answered nonsense. */
public class OcrException extends Exception {

	private final boolean timedOut;

	OcrException(String message, boolean timedOut) {
		super(message);
		this.timedOut = timedOut;
	}

	public boolean timedOut() {
		return this.timedOut;
	}

}
