package dev.thoth.pdfmonitor.lookup;

import java.util.List;

/**
 * One bibliographic record of a work, from CrossRef or OpenAlex, reduced to the fields
 * Thoth keeps, markup removed.
 *
 * @param doi the DOI as the source registers it, or null
 * @param title the title, or null
 * @param subtitle the subtitle CrossRef keeps apart from the title, or null
 * @param authors full names ("Given Family") in the registered order
 * @param families the family names, in the same order (what author checks compare)
 * @param venue the journal or proceedings title, or null
 * @param year the publication year, or null
 * @param abstractText the abstract as plain text, or null
 * @param subjects CrossRef's subject categories (of the journal, not the paper); empty
 * from OpenAlex
 */
record WorkRecord(String doi, String title, String subtitle, List<String> authors, List<String> families, String venue,
		Integer year, String abstractText, List<String> subjects) {

	WorkRecord {
		authors = List.copyOf(authors);
		families = List.copyOf(families);
		subjects = List.copyOf(subjects);
	}

}
