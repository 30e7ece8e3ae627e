package dev.thoth.clients.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A paper's editorial notice as the API shows it on the paper, on search hits and on
 * cited passages: the paper was retracted, withdrawn, corrected or is under an expression
 * of concern.
 *
 * @param type {@code retraction}, {@code withdrawal}, {@code correction} or
 * {@code expression_of_concern}
 * @param noticeDoi the DOI of the notice
 * @param date when the notice was issued, if known
 * @param source who reports it ({@code publisher}, {@code retraction-watch}, …)
 * @param label the notice's own name for itself
 * @param flaggedAt when it was recorded on the paper
 */
public record Retraction(String type, String noticeDoi, LocalDate date, String source, String label,
		Instant flaggedAt) {

	/** The notice this records. */
	public RetractionNotice notice() {
		return new RetractionNotice(this.type, this.noticeDoi, this.date, this.source, this.label);
	}

}
