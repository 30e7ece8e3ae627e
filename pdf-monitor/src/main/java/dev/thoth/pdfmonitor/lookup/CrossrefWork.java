package dev.thoth.pdfmonitor.lookup;

import java.util.List;

/**
 * One CrossRef work record, reduced to the fields Thoth keeps, markup removed.
 *
 * @param doi the DOI as CrossRef registers it
 * @param title the title, or null
 * @param subtitle the subtitle CrossRef keeps apart from the title, or null
 * @param authors full names ("Given Family") in the registered order
 * @param families the family names, in the same order (what author checks compare)
 * @param venue the journal or proceedings title, or null
 * @param year the publication year, or null
 * @param abstractText the abstract as plain text, or null
 * @param subjects CrossRef's subject categories (of the journal, not the paper)
 */
record CrossrefWork(String doi, String title, String subtitle, List<String> authors, List<String> families,
		String venue, Integer year, String abstractText, List<String> subjects) {

	CrossrefWork {
		authors = List.copyOf(authors);
		families = List.copyOf(families);
		subjects = List.copyOf(subjects);
	}

}
