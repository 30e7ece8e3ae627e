package dev.thoth.pdfmonitor.notes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import dev.thoth.pdfmonitor.analysis.Analysis;

/**
 * Writes a paper's markdown note for Obsidian and other markdown tools: YAML front
 * matter, the analysis, and {@code [[wikilinks]]} to the notes of cited papers that are
 * in the library. Re-processing rewrites the same file instead of adding another.
 */
public class NoteWriter {

	private static final int MAX_NAME = 100;

	private final Path notesDirectory;

	public NoteWriter(Path notesDirectory) {
		this.notesDirectory = notesDirectory;
	}

	Path notesDirectory() {
		return this.notesDirectory;
	}

	/** A cited paper that has a note in the library. */
	public record CitedNote(int position, String noteName) {
	}

	/**
	 * Everything a note shows.
	 *
	 * @param tags the paper's tags as the library holds them: the analysis's and those
	 * the user set, without those the user removed
	 * @param notice the paper's retraction, withdrawal, correction or expression of
	 * concern, if any
	 */
	public record NoteContent(UUID paperId, String title, List<String> authors, Integer year, String doi, String venue,
			String abstractText, List<String> keywords, List<String> tags, String sourceFile, Analysis analysis,
			List<CitedNote> cited, int referenceCount, Notice notice, List<String> needsReview) {
	}

	/**
	 * An editorial notice about the paper, as the API records it.
	 *
	 * @param type {@code retraction}, {@code withdrawal}, {@code correction} or
	 * {@code expression_of_concern}
	 * @param doi the notice's DOI
	 * @param date when it was issued, if known
	 * @param source who reports it, if known
	 */
	public record Notice(String type, String doi, java.time.LocalDate date, String source) {

		/** "Retracted", "Withdrawn", …: the callout's title. */
		String heading() {
			return switch (this.type) {
				case "retraction" -> "Retracted";
				case "withdrawal" -> "Withdrawn";
				case "correction" -> "Corrected";
				default -> "Expression of concern";
			};
		}

		/** "was retracted", "is under an expression of concern", …. */
		String predicate() {
			return switch (this.type) {
				case "retraction" -> "was retracted";
				case "withdrawal" -> "was withdrawn";
				case "correction" -> "was corrected";
				default -> "is under an expression of concern";
			};
		}

	}

	/** The note's file name (no extension), which other notes link to. */
	public static String noteName(String title, UUID paperId) {
		String name = (title == null) ? ""
				: title.replaceAll("[\\\\/:*?\"<>|#^\\[\\]\\p{Cntrl}]+", " ").replaceAll("\\s+", " ").strip();
		if (name.length() > MAX_NAME) {
			name = name.substring(0, MAX_NAME).strip();
		}
		name = name.replaceAll("^[.\\s]+", "");
		return name.isEmpty() ? "paper-" + paperId.toString().substring(0, 8) : name;
	}

	/**
	 * Writes the note, replacing this paper's previous note ({@code previous}, may be
	 * null); another paper's note with the same name is never replaced.
	 */
	public Path write(NoteContent content, Path previous) throws IOException {
		Path target = this.notesDirectory.resolve(noteName(content.title(), content.paperId()) + ".md");
		if (Files.exists(target) && !target.equals(previous) && !belongsTo(target, content.paperId())) {
			target = this.notesDirectory.resolve(noteName(content.title(), content.paperId()) + " ("
					+ content.paperId().toString().substring(0, 8) + ").md");
		}
		Path temporary = Files.createTempFile(this.notesDirectory, ".note-", ".tmp");
		try {
			Files.writeString(temporary, render(content), StandardCharsets.UTF_8);
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		if (previous != null && !previous.equals(target)) {
			// The title changed: the old note would be a stale duplicate.
			Files.deleteIfExists(previous);
		}
		return target;
	}

	private static boolean belongsTo(Path note, UUID paperId) {
		try {
			return Files.readString(note, StandardCharsets.UTF_8).contains("\nthoth-id: " + paperId + "\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String render(NoteContent content) {
		StringBuilder note = new StringBuilder("---\n");
		note.append("title: ").append(yaml(content.title())).append('\n');
		note.append("authors:").append(yamlList(content.authors())).append('\n');
		if (content.year() != null) {
			note.append("year: ").append(content.year()).append('\n');
		}
		if (content.doi() != null) {
			note.append("doi: ").append(yaml(content.doi())).append('\n');
		}
		if (content.venue() != null) {
			note.append("venue: ").append(yaml(content.venue())).append('\n');
		}
		note.append("tags:")
			.append(yamlList(content.tags().stream().map(NoteWriter::tag).distinct().toList()))
			.append('\n');
		note.append("source: ").append(yaml(content.sourceFile())).append('\n');
		Notice notice = content.notice();
		if (notice != null) {
			note.append("notice: ").append(yaml(notice.type())).append('\n');
			note.append("notice-doi: ").append(yaml(notice.doi())).append('\n');
			if (notice.date() != null) {
				note.append("notice-date: ").append(notice.date()).append('\n');
			}
		}
		if (!content.needsReview().isEmpty()) {
			note.append("needs-review:").append(yamlList(content.needsReview())).append('\n');
		}
		note.append("thoth-id: ").append(content.paperId()).append('\n');
		note.append("---\n\n");
		note.append("# ").append(oneLine(content.title() != null ? content.title() : "Untitled paper")).append("\n\n");
		if (notice != null) {
			// An Obsidian callout (a plain quote elsewhere), before anything the paper
			// says.
			note.append("> [!warning] ")
				.append(notice.heading())
				.append("\n> This paper ")
				.append(notice.predicate())
				.append(": [")
				.append(oneLine(notice.doi()))
				.append("](https://doi.org/")
				.append(oneLine(notice.doi()))
				.append(')');
			if (notice.date() != null) {
				note.append(", ").append(notice.date());
			}
			if (notice.source() != null) {
				note.append(" (").append(oneLine(notice.source())).append(')');
			}
			note.append(".\n\n");
		}
		if (!content.needsReview().isEmpty()) {
			note.append("> [!question] Check the metadata\n> Extracted with low confidence or missing: ")
				.append(String.join(", ", content.needsReview()))
				.append(". A correction in Thoth rewrites this note.\n\n");
		}
		if (!content.authors().isEmpty()) {
			note.append("**Authors:** ").append(oneLine(String.join(", ", content.authors()))).append("  \n");
		}
		if (content.year() != null || content.venue() != null) {
			note.append("**Published:** ")
				.append(oneLine(String.join(", ",
						java.util.stream.Stream
							.of(content.venue(), (content.year() != null) ? content.year().toString() : null)
							.filter(java.util.Objects::nonNull)
							.toList())))
				.append("  \n");
		}
		if (content.doi() != null) {
			note.append("**DOI:** [")
				.append(content.doi())
				.append("](https://doi.org/")
				.append(content.doi())
				.append(")  \n");
		}
		note.append('\n');
		section(note, "Abstract", content.abstractText());
		Analysis analysis = content.analysis();
		if (analysis != null) {
			section(note, "Summary", analysis.summary());
			// Each statement once in the note: a key point the summary makes, or a
			// sentence that is both method and contribution, shows where it comes first.
			Said said = new Said(analysis.summary());
			bullets(note, "Key points", said.unsaid(analysis.keyPoints()));
			bullets(note, "Methodology", said.unsaid(analysis.methodology()));
			bullets(note, "Results", said.unsaid(analysis.results()));
			bullets(note, "Limitations", said.unsaid(analysis.limitations()));
			bullets(note, "Contributions", said.unsaid(analysis.contributions()));
			note.append("_Analysis: ").append(analysis.analyzer()).append("_\n\n");
		}
		note.append("## Cited papers in the library\n\n");
		if (content.cited().isEmpty()) {
			note.append("None of the ").append(content.referenceCount()).append(" references is in the library yet.\n");
		}
		else {
			for (CitedNote cited : content.cited()) {
				note.append("- [").append(cited.position()).append("] [[").append(cited.noteName()).append("]]\n");
			}
			note.append('\n')
				.append(content.cited().size())
				.append(" of ")
				.append(content.referenceCount())
				.append(" references are in the library.\n");
		}
		return note.toString();
	}

	/** What a note has said so far, to say nothing twice. */
	private static final class Said {

		private final String summary;

		private final Set<String> statements = new HashSet<>();

		Said(String summary) {
			this.summary = (summary != null) ? " " + Analysis.sameness(summary) + " " : "";
		}

		/** The items not said yet, now said. */
		List<String> unsaid(List<String> items) {
			List<String> fresh = new ArrayList<>();
			for (String item : items) {
				String statement = Analysis.sameness(item);
				if (!statement.isEmpty() && !this.summary.contains(" " + statement + " ")
						&& this.statements.add(statement)) {
					fresh.add(item);
				}
			}
			return fresh;
		}

	}

	private static void section(StringBuilder note, String heading, String text) {
		if (text != null && !text.isBlank()) {
			note.append("## ").append(heading).append("\n\n").append(text.strip()).append("\n\n");
		}
	}

	private static void bullets(StringBuilder note, String heading, List<String> items) {
		if (!items.isEmpty()) {
			note.append("## ").append(heading).append("\n\n");
			items.forEach((item) -> note.append("- ").append(oneLine(item)).append('\n'));
			note.append('\n');
		}
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	/** A tag Obsidian accepts: no spaces, starts with a letter. */
	private static String tag(String tag) {
		String cleaned = tag.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}/_-]+", "-").replaceAll("^-+|-+$", "");
		return cleaned.isEmpty() ? "untagged" : cleaned;
	}

	/** A double-quoted YAML scalar: safe for any text, including ':' and '#'. */
	static String yaml(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n', '\r', '\t' -> quoted.append(' ');
				default -> {
					if (Character.isISOControl(c)) {
						quoted.append(' ');
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static String yamlList(List<String> values) {
		if (values == null || values.isEmpty()) {
			return " []";
		}
		StringBuilder list = new StringBuilder();
		values.forEach((value) -> list.append("\n  - ").append(yaml(value)));
		return list.toString();
	}

}
