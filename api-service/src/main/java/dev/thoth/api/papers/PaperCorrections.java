package dev.thoth.api.papers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.domain.notes.NoteRefreshes;
import dev.thoth.domain.papers.CitationResolver;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a user's corrections to a paper and keeps them in {@code paper_corrections},
 * one row per paper and field, so that re-processing the paper applies them again.
 *
 * <p>
 * The table's contract, shared with the PDF monitor, which reads it:
 * <ul>
 * <li>{@code field} is one of {@code title}, {@code authors}, {@code year}, {@code doi},
 * {@code venue}, {@code abstract}, {@code keywords};</li>
 * <li>{@code value} is the corrected value as text: {@code year} in decimal digits,
 * {@code authors} and {@code keywords} as a JSON array of strings (authors in order), the
 * others as the text itself; SQL {@code NULL} means the user cleared the field
 * ({@code authors} and {@code keywords} are cleared as {@code []}, and {@code title} is
 * never cleared);</li>
 * <li>{@code corrected_at} is when the user last corrected the field; a later correction
 * of the same field replaces the row.</li>
 * </ul>
 * A corrected field's provenance is source {@code user}, confidence 1.0. A corrected DOI
 * or title resolves the citation graph again ({@link CitationResolver#reresolve}), and
 * the notes that show the paper (its own, and those of papers whose references to it
 * changed) are to be written again, which the PDF monitors do.
 */
@Service
class PaperCorrections {

	static final FieldSource USER = new FieldSource("user", 1.0);

	private final PaperRepository papers;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final CitationResolver citations;

	private final NoteRefreshes notes;

	PaperCorrections(PaperRepository papers, JdbcClient jdbc, JsonMapper json, NoteRefreshes notes) {
		this.papers = papers;
		this.jdbc = jdbc;
		this.json = json;
		this.citations = new CitationResolver(jdbc);
		this.notes = notes;
	}

	/**
	 * Applies the correction and records it; the paper as it is now, or empty when there
	 * is no such paper.
	 */
	@Transactional
	@SuppressWarnings("unchecked")
	public Optional<Paper> correct(UUID paperId, CorrectionRequest correction) {
		Optional<Paper> found = this.papers.findWithDetailsById(paperId);
		if (found.isEmpty() || correction.isEmpty()) {
			return found;
		}
		Paper paper = found.get();
		for (Map.Entry<String, Object> entry : correction.values().entrySet()) {
			String field = entry.getKey();
			Object value = entry.getValue();
			switch (field) {
				case CorrectionRequest.TITLE -> paper.describe((String) value, paper.getAuthors(), paper.getYear());
				case CorrectionRequest.AUTHORS ->
					paper.describe(paper.getTitle(), (List<String>) value, paper.getYear());
				case CorrectionRequest.YEAR -> paper.describe(paper.getTitle(), paper.getAuthors(), (Integer) value);
				case CorrectionRequest.DOI -> paper.setDoi((String) value);
				case CorrectionRequest.VENUE -> paper.setVenue((String) value);
				case CorrectionRequest.ABSTRACT -> paper.setAbstractText((String) value);
				case CorrectionRequest.KEYWORDS -> paper.setKeywords((List<String>) value);
				default -> throw new IllegalStateException("not a correctable field: " + field);
			}
			paper.recordSource(field, USER);
			this.jdbc
				.sql("""
						insert into paper_corrections (paper_id, field, value, corrected_at) values (:paper, :field, :value, now())
						on conflict (paper_id, field) do update set value = excluded.value, corrected_at = excluded.corrected_at
						""")
				.param("paper", paperId)
				.param("field", field)
				.param("value", stored(value))
				.update();
		}
		Paper saved = this.papers.saveAndFlush(paper);
		List<UUID> shown = new ArrayList<>(List.of(paperId));
		if (correction.values().containsKey(CorrectionRequest.TITLE)
				|| correction.values().containsKey(CorrectionRequest.DOI)) {
			shown.addAll(this.citations.reresolve(paperId));
		}
		this.notes.request(shown);
		this.notes.announce(paperId, "CORRECTED");
		return Optional.of(saved);
	}

	/** The value as {@code paper_corrections} holds it. */
	private String stored(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof List<?> list) {
			return this.json.writeValueAsString(list);
		}
		return value.toString();
	}

}
