package dev.thoth.pdfmonitor.extraction;

/**
 * The text of one page in reading order, after ligature, hyphenation and whitespace
 * repair.
 *
 * @param number the physical page number, starting at 1
 * @param text the page text, one line per printed line
 */
public record PageText(int number, String text) {

}
