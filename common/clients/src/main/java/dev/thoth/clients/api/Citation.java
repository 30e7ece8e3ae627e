package dev.thoth.clients.api;

import java.util.UUID;

/**
 * The passage behind a {@code [n]} in an answer.
 *
 * @param n the number used in the answer's text
 * @param paperId the paper
 * @param title the paper's title
 * @param page the page the passage is printed on
 * @param quote the words of the passage that support the claim
 * @param pdfUrl opens the PDF at that page
 * @param retraction the paper's retraction, withdrawal, correction or expression of
 * concern, if any: a claim resting on a retracted paper is to be weighed accordingly
 */
public record Citation(int n, UUID paperId, String title, int page, String quote, String pdfUrl,
		Retraction retraction) {
}
