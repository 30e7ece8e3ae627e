package dev.thoth.pdfmonitor.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.thoth.pdfmonitor.Corpus;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceParserTests {

	static List<Corpus.Truth> papers() {
		return Corpus.truths();
	}

	@ParameterizedTest
	@MethodSource("papers")
	void citationMarkersPointIntoTheList(Corpus.Truth paper) {
		ParsedReferences references = CorpusExtractions.of(paper).references();
		assertThat(references.citations()).allMatch(
				(marker) -> marker.positions().stream().allMatch((p) -> p >= 1 && p <= references.references().size()));
	}

	@Test
	void mostCitationMarkersLinkToEntriesOnMostPapers() {
		// per paper: at least 8 of 10 markers linked; over the corpus: every paper but
		// one whose reference list the layout cannot yet separate from the body
		long linkedWell = Corpus.truths().stream().filter((paper) -> {
			ParsedReferences references = CorpusExtractions.of(paper).references();
			long linked = references.citations().stream().filter((marker) -> !marker.positions().isEmpty()).count();
			return !references.citations().isEmpty() && linked >= references.citations().size() * 8 / 10;
		}).count();
		assertThat(linkedWell).isGreaterThanOrEqualTo(Corpus.truths().size() - 1);
	}

	@Test
	void titlesSetOffByCommasAfterTheNamesAreReadAndJournalsAreNot() {
		Reference elsevier = ReferenceParser.parseEntry(1, "1",
				"[1] A. Author, B. Writer, Finding influential nodes in networks, in: Proc. of X, 2007, pp. 1–2.");
		assertThat(elsevier.title()).isEqualTo("Finding influential nodes in networks");
		assertThat(elsevier.firstAuthorSurname()).isEqualTo("Author");
		Reference revtex = ReferenceParser.parseEntry(2, "2",
				"[2] C. Physicist and D. Theorist, Heavy mesons as molecules, Phys. Rev. D68, 0375 (2003).");
		assertThat(revtex.title()).isEqualTo("Heavy mesons as molecules");
		assertThat(revtex.year()).isEqualTo(2003);
		Reference physics = ReferenceParser.parseEntry(3, "3", "[3] G. Someone, Phys. Rep. 81, 1 (1982).");
		assertThat(physics.title()).isNull();
		assertThat(physics.firstAuthorSurname()).isEqualTo("Someone");
		Reference volume = ReferenceParser.parseEntry(4, "4", "[4] E. Writer, Nature 123, 456 (1999).");
		assertThat(volume.title()).isNull();
		Reference collaboration = ReferenceParser.parseEntry(5, "5",
				"[5] M. Lead et al. (ZEUS Collaboration), Phys. Lett. B315, 481 (1993).");
		assertThat(collaboration.firstAuthorSurname()).isEqualTo("Lead");
		assertThat(collaboration.title()).isNull();
	}

	@Test
	void accessDatesAreNoYearsAndOrganisationsKeepTheirQuotedTitles() {
		Reference manual = ReferenceParser.parseEntry(1, "1",
				"[1] R. Maker et al.. The Tool User’s Guide. Available at: http://tool.example em março 2007.");
		assertThat(manual.firstAuthorSurname()).isEqualTo("Maker");
		assertThat(manual.title()).isEqualTo("The Tool User’s Guide");
		assertThat(manual.year()).isNull();
		Reference site = ReferenceParser.parseEntry(2, "2",
				"[2] Project Software - “Project Computing and Core Software Home”. Accessed March 2007.");
		assertThat(site.authors()).isEmpty();
		assertThat(site.title()).isEqualTo("Project Computing and Core Software Home");
		assertThat(site.year()).isNull();
		assertThat(ReferenceParser.year("A. B. Name, A title, J. Something 12 (2001). Accessed 2019.")).isEqualTo(2001);
	}

	@Test
	void numberedEntriesAreSplitInSequenceAndStrayLabelsStayInside() {
		ParsedReferences parsed = new ReferenceParser().parse(text("Introduction", "as shown in [1, 3–4] and [2].",
				"References", "[1] A. Barak and O. La’adan. The MOSIX multicomputer operating",
				"system. Future Generation Computer Systems, 13(4–5):361–372, 1998.",
				"[2] D. Shmoys, J. Wein, and D. Williamson. Scheduling parallel ma-",
				"chine on-line. SIAM Journal on Computing, 24(6):1313–1331, 1995.", "[7] stray label",
				"[3] Gorschek T, “Requirements Engineering Supporting Technical Product Management”. PhD Thesis No. 2006:01, Ronneby, 2002.",
				"[4] Perlmutter S et al, 1997 Astrophys. J. 483 565"));
		List<Reference> references = parsed.references();
		assertThat(references).hasSize(4);
		assertThat(parsed.pagesCitingEachEntry()).containsOnlyKeys(1, 2, 3, 4)
			.allSatisfy((position, pages) -> assertThat(pages).containsExactly(1));
		assertThat(references.get(0).title()).isEqualTo("The MOSIX multicomputer operating system");
		assertThat(references.get(0).firstAuthorSurname()).isEqualTo("Barak");
		assertThat(references.get(0).year()).isEqualTo(1998);
		assertThat(references.get(1).title()).isEqualTo("Scheduling parallel machine on-line");
		assertThat(references.get(1).raw()).endsWith("1995. [7] stray label");
		assertThat(references.get(2).title())
			.isEqualTo("Requirements Engineering Supporting Technical Product Management");
		assertThat(references.get(2).year()).isEqualTo(2002);
		assertThat(references.get(3).title()).isNull();
		assertThat(references.get(3).firstAuthorSurname()).isEqualTo("Perlmutter");
		assertThat(parsed.citations()).extracting(CitationMarker::positions)
			.containsExactly(List.of(1, 3, 4), List.of(2));
	}

	@ParameterizedTest
	@MethodSource("papers")
	void mostNumberedEntriesAreCitedOnPagesBeforeTheBibliographyEnds(Corpus.Truth paper) {
		ParsedReferences parsed = CorpusExtractions.of(paper).references();
		Map<Integer, List<Integer>> citedOn = parsed.pagesCitingEachEntry();
		assertThat(citedOn.values()).allSatisfy((pages) -> assertThat(pages).isSorted()
			.allSatisfy((page) -> assertThat(page).isBetween(1, paper.pages())));
		if (paper.file().equals("sample.pdf") || paper.file().equals("test_Grobid_1_05452615.pdf")) {
			// Numbered styles: most entries are found cited in the body (15 of 23 in the
			// IEEE
			// paper, whose messy list also holds entries the text never cites by number).
			assertThat(citedOn.size()).as(paper.file()).isGreaterThanOrEqualTo(parsed.references().size() * 3 / 5);
		}
	}

	@Test
	void dotNumberedEntriesWithoutASpace() {
		List<Reference> references = new ReferenceParser()
			.parse(text("REFERENCES", "9. Peñas, A. 2007. Overview. In CLEF.",
					"1. Bar-Haim, R., Dagan, I. and Szpektor, I. 2006. The Second PASCAL Challenge. In Proceedings.",
					"2.Bunescu, R. and Mooney, R. 2006. Subsequence Kernels for Relation Extraction. In NIPS."))
			.references();
		assertThat(references).hasSize(2);
		assertThat(references.get(0).authors()).containsExactly("Bar-Haim, R.", "Dagan, I.", "Szpektor, I.");
		assertThat(references.get(0).title()).isEqualTo("The Second PASCAL Challenge");
		assertThat(references.get(1).label()).isEqualTo("2");
		assertThat(references.get(1).firstAuthorSurname()).isEqualTo("Bunescu");
	}

	@Test
	void authorYearEntriesAreSplitAndCitationsLinked() {
		ParsedReferences parsed = new ReferenceParser().parse(text("This follows (Smith, 2001; Jones and Lee, 1999).",
				"Bibliography", "Jones, A. and Lee, B. 1999. A study of things. In Proceedings of Stuff.",
				"Smith, J. 2001. Another study of", "other things. Journal of Things 4(2):1–9.", "Appendix A",
				"[1] not a reference"));
		assertThat(parsed.references()).hasSize(2);
		assertThat(parsed.references().get(1).title()).isEqualTo("Another study of other things");
		assertThat(parsed.references().get(1).venue()).isEqualTo("Journal of Things");
		assertThat(parsed.citations()).singleElement().satisfies((marker) -> {
			assertThat(marker.text()).isEqualTo("(Smith, 2001; Jones and Lee, 1999)");
			assertThat(marker.positions()).containsExactly(2, 1);
		});
	}

	@Test
	void withoutAHeadingOrAFirstNumberedEntryThereIsNoList() {
		// Before, the whole text became "references" here.
		ParsedReferences parsed = new ReferenceParser().parse(text("A short note on something.",
				"It cites nobody, and (1) is an equation.", "{1] S. Misread, Journal 1, 2 (1999)."));
		assertThat(parsed.references()).isEmpty();
		assertThat(parsed.citations()).isEmpty();
	}

	@Test
	void identifiersAreParsed() {
		Reference reference = ReferenceParser.parseEntry(1, "1",
				"[1] Hinshaw G et al, 2008 Astrophys. J. Suppl. Ser. submitted arXiv:0803.0732 doi:10.1088/0067-0049/180/2/225.");
		assertThat(reference.arxivId()).isEqualTo("0803.0732");
		assertThat(reference.doi()).isEqualTo("10.1088/0067-0049/180/2/225");
		assertThat(reference.title()).isNull();
		assertThat(reference.year()).isEqualTo(2008);
		assertThat(ReferenceParser.parseEntry(1, null, "Nambu Y and Tanimoto M, 2005 arXiv:gr-qc/0507057").arxivId())
			.isEqualTo("gr-qc/0507057");
		assertThat(ReferenceParser.year("Lecture Notes in Computer Science, vol. 1974, 2000.")).isEqualTo(2000);
		assertThat(ReferenceParser.year("IEEE Software 34(1), 82–90 (Jan 2017)")).isEqualTo(2017);
	}

	private static ExtractedText text(String... lines) {
		List<LayoutLine> layout = new ArrayList<>();
		float y = 100;
		for (String line : lines) {
			layout.add(new LayoutLine(1, line, 10, false, 72, y, 400, 0));
			y += 12;
		}
		return new ExtractedText(List.of(new PageText(1, String.join("\n", lines))), layout, layout, 612, 792);
	}

}
