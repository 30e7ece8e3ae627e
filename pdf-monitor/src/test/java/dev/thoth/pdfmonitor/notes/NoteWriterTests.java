package dev.thoth.pdfmonitor.notes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.pdfmonitor.analysis.Analysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

class NoteWriterTests {

	@TempDir
	Path notes;

	private static final Analysis ANALYSIS = new Analysis("It schedules jobs.", List.of("Point one."), List.of(),
			List.of("It is fast."), List.of(), List.of(), List.of("scheduling", "parallel computing"), "offline");

	private NoteWriter.NoteContent content(UUID id, String title, List<NoteWriter.CitedNote> cited) {
		return new NoteWriter.NoteContent(id, title, List.of("Pierre-François Dutot", "Grégory \"Greg\" Mounié"), 2004,
				"10.1145/1007912.1007932", "SPAA’04", "We describe a new method.", List.of(),
				List.of("parallel computing", "scheduling"), "papers/sample.pdf", ANALYSIS, cited, 21, null, List.of());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> frontMatter(Path note) throws Exception {
		String text = Files.readString(note);
		assertThat(text).startsWith("---\n");
		return new Yaml().load(text.substring(4, text.indexOf("\n---\n", 4)));
	}

	@Test
	void theFrontMatterIsValidYamlEvenForHostileText() throws Exception {
		UUID id = UUID.randomUUID();
		String title = "Bi-criteria: \"Scheduling\" #jobs [x] \\ on: clusters";
		Path note = new NoteWriter(this.notes).write(content(id, title, List.of()), null);
		Map<String, Object> yaml = frontMatter(note);
		assertThat(yaml.get("title")).isEqualTo(title);
		assertThat(yaml.get("authors")).isEqualTo(List.of("Pierre-François Dutot", "Grégory \"Greg\" Mounié"));
		assertThat(yaml.get("year")).isEqualTo(2004);
		assertThat(yaml.get("doi")).isEqualTo("10.1145/1007912.1007932");
		assertThat(yaml.get("tags")).isEqualTo(List.of("parallel-computing", "scheduling"));
		assertThat(yaml.get("thoth-id")).isEqualTo(id.toString());
		assertThat(note.getFileName().toString()).doesNotContain("/", ":", "\"", "#", "[", "\\");
	}

	@Test
	void aNoticeIsInTheFrontMatterAndACalloutBeforeTheAbstract() throws Exception {
		UUID id = UUID.randomUUID();
		NoteWriter.NoteContent plain = content(id, "Concerning", List.of());
		NoteWriter.NoteContent content = new NoteWriter.NoteContent(id, plain.title(), plain.authors(), plain.year(),
				plain.doi(), plain.venue(), plain.abstractText(), plain.keywords(), plain.tags(), plain.sourceFile(),
				plain.analysis(), plain.cited(), plain.referenceCount(),
				new NoteWriter.Notice("expression_of_concern", "10.5555/concern: \"x\" #1", null, null), List.of());
		Path note = new NoteWriter(this.notes).write(content, null);
		Map<String, Object> yaml = frontMatter(note);
		assertThat(yaml.get("notice")).isEqualTo("expression_of_concern");
		assertThat(yaml.get("notice-doi")).isEqualTo("10.5555/concern: \"x\" #1");
		assertThat(yaml).doesNotContainKey("notice-date");
		String text = Files.readString(note);
		assertThat(text).contains("> [!warning] Expression of concern\n> This paper is under an expression of concern");
		assertThat(text.indexOf("[!warning]")).isLessThan(text.indexOf("## Abstract"));
	}

	@Test
	void theNoteSaysEachStatementOnce() throws Exception {
		Analysis repetitive = new Analysis("It schedules moldable jobs. It is fast.",
				List.of("It is fast.", "Jobs are moldable.", "We propose a dual approximation."),
				List.of("We propose a dual approximation.", "Jobs are moldable"), List.of("It is fast."), List.of(),
				List.of("We propose a dual approximation."), List.of(), "model");
		UUID id = UUID.randomUUID();
		NoteWriter.NoteContent content = new NoteWriter.NoteContent(id, "Scheduling", List.of(), null, null, null, null,
				List.of(), List.of(), null, repetitive, List.of(), 0, null, List.of("authors", "year", "venue"));
		String note = Files.readString(new NoteWriter(this.notes).write(content, null));
		assertThat(note).contains("## Key points\n\n- Jobs are moldable.\n- We propose a dual approximation.\n\n")
			.doesNotContain("## Methodology")
			.doesNotContain("## Results")
			.doesNotContain("## Contributions");
		assertThat(note.split("We propose a dual approximation", -1)).hasSize(2);
		// The fields to check, for the reader and for a Dataview query.
		assertThat(note).contains("needs-review:\n  - \"authors\"\n  - \"year\"\n  - \"venue\"\n")
			.contains(
					"> [!question] Check the metadata\n> Extracted with low confidence or missing: authors, year, venue.");
		assertThat(Files.readString(
				new NoteWriter(this.notes).write(content(UUID.randomUUID(), "Nothing to check", List.of()), null)))
			.doesNotContain("needs-review")
			.doesNotContain("Check the metadata");
	}

	@Test
	void citedPapersInTheLibraryAreWikilinked() throws Exception {
		Path note = new NoteWriter(this.notes).write(content(UUID.randomUUID(), "Citing",
				List.of(new NoteWriter.CitedNote(3, "The MOSIX multicomputer operating system"))), null);
		assertThat(Files.readString(note)).contains("- [3] [[The MOSIX multicomputer operating system]]")
			.contains("1 of 21 references are in the library.");
	}

	@Test
	void reprocessingRewritesTheSameNoteAndARetitleRemovesTheOldOne() throws Exception {
		UUID id = UUID.randomUUID();
		NoteWriter writer = new NoteWriter(this.notes);
		Path first = writer.write(content(id, "Old title", List.of()), null);
		Path again = writer.write(content(id, "Old title", List.of()), first);
		assertThat(again).isEqualTo(first);
		Path renamed = writer.write(content(id, "New title", List.of()), again);
		assertThat(renamed.getFileName().toString()).isEqualTo("New title.md");
		assertThat(first).doesNotExist();
		try (var files = Files.list(this.notes)) {
			assertThat(files.toList()).containsExactly(renamed);
		}
	}

	@Test
	void anotherPapersNoteWithTheSameTitleIsNeverReplaced() throws Exception {
		NoteWriter writer = new NoteWriter(this.notes);
		Path mine = writer.write(content(UUID.randomUUID(), "Same title", List.of()), null);
		UUID other = UUID.randomUUID();
		Path theirs = writer.write(content(other, "Same title", List.of()), null);
		assertThat(theirs).isNotEqualTo(mine);
		assertThat(theirs.getFileName().toString())
			.isEqualTo("Same title (" + other.toString().substring(0, 8) + ").md");
		assertThat(Files.readString(mine)).doesNotContain(other.toString());
	}

}
