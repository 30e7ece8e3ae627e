package dev.thoth.vectorstore;

/**
 * The text of one page of a paper, as extracted.
 *
 * @param page 1-based page number
 * @param text the page's text, lines separated by newlines
 */
public record PageText(int page, String text) {

}
