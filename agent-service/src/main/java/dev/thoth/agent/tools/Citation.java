package dev.thoth.agent.tools;

import java.util.UUID;

/**
 * A passage a reply rests on: the paper, the page, the quoted text, the PDF at that page.
 */
public record Citation(UUID paperId, String title, Integer page, String quote, String pdfUrl) {
}
