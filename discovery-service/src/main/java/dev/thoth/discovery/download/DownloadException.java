package dev.thoth.discovery.download;

/**
 * A PDF that was not downloaded, and why.
 */
public class DownloadException extends Exception {

	private final String reason;

	/**
	 * @param reason a short category: scheme, address, redirects, too_large, not_pdf,
	 * http_status, failed, retracted, no_pdf, upload
	 */
	public DownloadException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	public DownloadException(String reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
