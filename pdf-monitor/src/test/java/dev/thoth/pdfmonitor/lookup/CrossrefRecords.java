package dev.thoth.pdfmonitor.lookup;

import java.util.List;

import dev.thoth.testsupport.FakeCrossrefServer.Author;
import dev.thoth.testsupport.FakeCrossrefServer.Work;

/**
 * CrossRef records for corpus papers, as the fake CrossRef serves them. The JCAP paper's
 * is its real bibliographic data (DOI as printed on it); the others use CrossRef's test
 * prefix 10.5555, since their DOIs are not printed and so not known here.
 */
final class CrossrefRecords {

	/** 0807.3577.pdf, registered under the DOI printed on it. */
	static final Work JCAP = new Work("10.1088/1475-7516/2008/10/003", "journal-article",
			"Apparent and average accelerations of the Universe",
			List.of(new Author("Krzysztof", "Bolejko"), new Author("Lars", "Andersson")),
			"Journal of Cosmology and Astroparticle Physics", List.of(2008, 10, 3), null,
			List.of("Astronomy and Astrophysics"));

	/**
	 * Wang-paperAVE2008.pdf, which prints neither DOI nor venue: the proceedings version
	 * of the working notes, published the year after.
	 */
	static final Work WANG = new Work("10.5555/thoth-test.wang-ave2008", "proceedings-article",
			"Information Synthesis for Answer Validation",
			List.of(new Author("Rui", "Wang"), new Author("Günter", "Neumann")),
			"Evaluating Systems for Multilingual and Multimodal Information Access", List.of(2009),
			"<jats:p>This report is about our participation in the Answer Validation Exercise.</jats:p>", List.of());

	/** A search near miss for the Wang paper: some of its words, other authors. */
	static final Work ANSWER_VALIDATION_OVERVIEW = new Work("10.5555/thoth-test.ave2008-overview",
			"proceedings-article", "Overview of the Answer Validation Exercise 2008",
			List.of(new Author("Álvaro", "Rodrigo"), new Author("Anselmo", "Peñas"), new Author("Felisa", "Verdejo")),
			"Evaluating Systems for Multilingual and Multimodal Information Access", List.of(2009), null, List.of());

	/**
	 * A search near miss for ZFN-A-054-0304-0272.pdf: the same authors, journal and year,
	 * another title. It must not be taken for the paper.
	 */
	static final Work ZFN_OTHER_TITLE = new Work("10.5555/thoth-test.hong-kdv", "journal-article",
			"Exact Solitary-wave Solutions for the General Fifth-order KdV Models",
			List.of(new Author("Woo-Pyo", "Hong"), new Author("Young-Dae", "Jung")), "Zeitschrift für Naturforschung A",
			List.of(1999, 3, 1), null, List.of("Physical and Theoretical Chemistry", "General Physics and Astronomy"));

	private CrossrefRecords() {
	}

}
