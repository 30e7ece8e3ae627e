package dev.thoth.api.retractions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.clients.api.Retraction;
import dev.thoth.clients.api.RetractionNotice;
import dev.thoth.domain.notes.NoteRefreshes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The editorial notices recorded on papers (retraction, withdrawal, correction,
 * expression of concern): written here only, with SQL beside the paper entity (the
 * pipeline never overwrites them), with a request to write the paper's note again in the
 * same transaction ({@link NoteRefreshes}), and read for the paper, its list entry, and
 * every search hit and cited passage (with {@link #read(ResultSet)}, after the search
 * cache, so a notice shows at once however long a search stays cached).
 */
@Component
public class Retractions {

	/** The columns a query selects, for {@link #read(ResultSet)}. */
	public static final String COLUMNS = "retraction_type, retraction_notice_doi, retraction_date, "
			+ "retraction_source, retraction_label, retraction_flagged_at";

	private final JdbcClient jdbc;

	private final NoteRefreshes notes;

	Retractions(JdbcClient jdbc, NoteRefreshes notes) {
		this.jdbc = jdbc;
		this.notes = notes;
	}

	/**
	 * Records the notice on the paper, unless it carries this very notice already (then
	 * nothing changes); empty when there is no such paper.
	 */
	@Transactional
	public Optional<Retraction> record(UUID paperId, RetractionNotice notice) {
		Optional<Optional<Retraction>> current = this.jdbc
			.sql("select " + COLUMNS + " from papers where id = :id for update")
			.param("id", paperId)
			.query((rs, row) -> Optional.ofNullable(read(rs)))
			.optional();
		if (current.isEmpty()) {
			return Optional.empty();
		}
		if (current.get().map((existing) -> existing.notice().equals(notice)).orElse(false)) {
			return current.get();
		}
		this.jdbc.sql("""
				update papers set retraction_type = :type, retraction_notice_doi = :doi, retraction_date = :date,
				    retraction_source = :source, retraction_label = :label, retraction_flagged_at = now(),
				    updated_at = now()
				where id = :id
				""")
			.param("type", notice.type())
			.param("doi", notice.noticeDoi())
			.param("date", notice.date())
			.param("source", notice.source())
			.param("label", notice.label())
			.param("id", paperId)
			.update();
		// The note shows the notice: the PDF monitors write it again.
		this.notes.request(List.of(paperId));
		this.notes.announce(paperId, "NOTICE");
		return of(paperId);
	}

	/** The paper's notice, if it has one. */
	public Optional<Retraction> of(UUID paperId) {
		return this.jdbc.sql("select " + COLUMNS + " from papers where id = :id")
			.param("id", paperId)
			.query((rs, row) -> Optional.ofNullable(read(rs)))
			.optional()
			.flatMap((notice) -> notice);
	}

	/** The notice in a row that selected {@link #COLUMNS}; null when it has none. */
	public static Retraction read(ResultSet rs) throws SQLException {
		String type = rs.getString("retraction_type");
		if (type == null) {
			return null;
		}
		Timestamp flagged = rs.getTimestamp("retraction_flagged_at");
		return new Retraction(type, rs.getString("retraction_notice_doi"),
				rs.getObject("retraction_date", LocalDate.class), rs.getString("retraction_source"),
				rs.getString("retraction_label"), (flagged != null) ? flagged.toInstant() : null);
	}

}
