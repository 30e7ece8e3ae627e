package dev.thoth.vectorstore;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTests {

	final Chunker chunker = new Chunker();

	final UUID paper = UUID.randomUUID();

	static String sentences(String topic, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "This is sentence " + i + " about " + topic + " with some more words in it.")
			.collect(Collectors.joining(" "));
	}

	@Test
	void recognisesHeadings() {
		assertThat(Chunker.heading("1 Introduction")).isEqualTo("1 Introduction");
		assertThat(Chunker.heading("2. Related Work")).isEqualTo("2 Related Work");
		assertThat(Chunker.heading("3.1 Data sets")).isEqualTo("3.1 Data sets");
		assertThat(Chunker.heading("IV. EXPERIMENTAL RESULTS")).isEqualTo("IV Experimental Results");
		assertThat(Chunker.heading("References")).isEqualTo("References");
		assertThat(Chunker.heading("REFERENCES")).isEqualTo("References");
		assertThat(Chunker.heading("Acknowledgements:")).isEqualTo("Acknowledgements");
		assertThat(Chunker.heading("RELATED WORK")).isEqualTo("Related Work");
		assertThat(Chunker.heading("Abstract")).isEqualTo("Abstract");
		// Body text, footnotes, table rows and figure captions are not headings.
		assertThat(Chunker.heading("We propose a new method for learning representations of graphs.")).isNull();
		assertThat(Chunker.heading("1 Code is available at the address given below")).isNull();
		assertThat(Chunker.heading("1 https://github.com/example/code")).isNull();
		assertThat(Chunker.heading("3 0.45 0.56 0.91")).isNull();
		assertThat(Chunker.heading("Figure 2. Results on the test set.")).isNull();
		assertThat(Chunker.heading("A study of the effect is given.")).isNull();
		assertThat(Chunker.heading("CNN")).isNull();
	}

	@Test
	void chunksFollowSectionsAndKeepTheirStartPage() {
		List<PageText> pages = List.of(
				new PageText(1,
						"A Title of the Paper\nJane Doe\nAbstract\n" + sentences("the abstract", 5)
								+ "\n1 Introduction\n" + sentences("the introduction", 40)),
				new PageText(2, sentences("the introduction", 10) + "\n2. Related Work\n" + sentences("prior work", 8)),
				new PageText(3, "REFERENCES\n[1] A. Author. A paper. 2020.\n[2] B. Author. Another paper. 2021."));
		List<Chunk> chunks = this.chunker.chunk(this.paper, pages);

		assertThat(chunks).extracting(Chunk::section)
			.containsSubsequence("Abstract", "1 Introduction", "2 Related Work");
		// Too short to stand alone, the title and author (6 words) open the abstract's
		// chunk, and the two references (14 words) close the related work, heading and
		// all.
		assertThat(chunks).extracting(Chunk::section).doesNotContain(Chunker.FRONT_MATTER, "References");
		assertThat(chunks.getFirst().text())
			.startsWith("A Title of the Paper Jane Doe This is sentence 0 about the abstract");
		assertThat(chunks.getFirst().page()).isEqualTo(1);
		assertThat(chunks).extracting(Chunk::position)
			.containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.paperId()).isEqualTo(this.paper);
			assertThat(chunk.id()).isEqualTo(Chunk.idFor(this.paper, chunk.position()));
			assertThat(chunk.text().split(" ")).hasSizeLessThanOrEqualTo(300);
		});
		// A section never leaks into the next one.
		assertThat(chunks).filteredOn((chunk) -> chunk.section().equals("1 Introduction"))
			.allSatisfy((chunk) -> assertThat(chunk.text()).doesNotContain("prior work"));
		assertThat(chunks).filteredOn((chunk) -> chunk.section().equals("2 Related Work"))
			.singleElement()
			.satisfies((chunk) -> {
				assertThat(chunk.page()).isEqualTo(2);
				assertThat(chunk.text()).startsWith("This is sentence 0 about prior work")
					.endsWith("REFERENCES [1] A. Author. A paper. 2020. [2] B. Author. Another paper. 2021.");
			});
		// The introduction (50 sentences of 14 words) spans pages 1 and 2 in several
		// chunks.
		List<Chunk> introduction = chunks.stream().filter((c) -> c.section().equals("1 Introduction")).toList();
		assertThat(introduction).hasSizeGreaterThanOrEqualTo(3);
		assertThat(introduction.get(0).page()).isEqualTo(1);
		assertThat(introduction).extracting(Chunk::page).isSorted().last().isIn(1, 2);
		assertThat(introduction.get(introduction.size() - 1).text()).contains("sentence 9 about the introduction");
	}

	@Test
	void linesTakenForHeadingsLeaveNoFragmentsBehind() {
		// A running header in capitals passes for a heading on every page, and what
		// follows it up to the next heading-like line is a few words: no passage of its
		// own.
		List<PageText> pages = List.of(
				new PageText(1, "1 Introduction\n" + sentences("stomata", 12) + "\nPLANT WATER RELATIONS\nSAF"),
				new PageText(2,
						"PLANT WATER RELATIONS\nSAF\n2 Methods\n" + sentences("gas exchange", 12)
								+ "\nPLANT WATER RELATIONS\nSAF"),
				new PageText(3, "PLANT WATER RELATIONS\nSAF\n3 Results\n" + sentences("night opening", 12)));
		List<Chunk> chunks = this.chunker.chunk(this.paper, pages);
		assertThat(chunks).extracting(Chunk::section).containsExactly("1 Introduction", "2 Methods", "3 Results");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.text().split(" ")).hasSizeGreaterThanOrEqualTo(40));
		// Nothing is lost: the fragments joined the section before them.
		assertThat(chunks.get(0).text()).endsWith("in it. PLANT WATER RELATIONS SAF PLANT WATER RELATIONS SAF");

		Chunker everyFragment = new Chunker(250, 300, 40, 0);
		assertThat(everyFragment.chunk(this.paper, pages)).extracting(Chunk::text).contains("SAF");
	}

	@Test
	void aTextShorterThanTheMinimumIsOneChunk() {
		assertThat(this.chunker.chunk(this.paper, List.of(new PageText(1, "A Title\nABSTRACT\nShort."))))
			.singleElement()
			.satisfies((chunk) -> {
				assertThat(chunk.text()).isEqualTo("A Title Short.");
				assertThat(chunk.section()).isEqualTo("Abstract");
			});
	}

	@Test
	void chunksAreAboutTheTargetSizeEndAtSentencesAndOverlap() {
		List<Chunk> chunks = this.chunker.chunk(this.paper,
				List.of(new PageText(1, "1 Method\n" + sentences("the method", 100))));
		assertThat(chunks).hasSizeGreaterThan(3);
		for (int i = 0; i < chunks.size(); i++) {
			String[] words = chunks.get(i).text().split(" ");
			if (i < chunks.size() - 1) {
				assertThat(words.length).isBetween(200, 300);
				assertThat(chunks.get(i).text()).endsWith(".");
				String tail = String.join(" ", List.of(words).subList(words.length - 20, words.length));
				assertThat(chunks.get(i + 1).text()).contains(tail);
			}
			else {
				assertThat(words.length).isBetween(60, 300 + 250 / 4);
			}
		}
	}

	@Test
	void joinsHyphenatedWordsAndSkipsEmptyPages() {
		List<Chunk> chunks = this.chunker.chunk(this.paper,
				List.of(new PageText(1, ""), new PageText(2, "Sentence embed-\ndings are useful.")));
		assertThat(chunks).singleElement().satisfies((chunk) -> {
			assertThat(chunk.text()).isEqualTo("Sentence embeddings are useful.");
			assertThat(chunk.page()).isEqualTo(2);
			assertThat(chunk.section()).isEqualTo(Chunker.FRONT_MATTER);
		});
		assertThat(this.chunker.chunk(this.paper, List.of())).isEmpty();
	}

	@Test
	void reprocessingGivesTheSameChunks() {
		List<PageText> pages = List.of(new PageText(1, "1 Introduction\n" + sentences("x", 60)));
		assertThat(this.chunker.chunk(this.paper, pages)).isEqualTo(this.chunker.chunk(this.paper, pages));
	}

}
