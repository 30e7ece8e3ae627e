package dev.thoth.domain.notes;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The notes to write again ({@code note_refreshes}), because what they show changed
 * outside the pipeline: a cited paper removed or corrected, the paper itself corrected or
 * tagged. The API requests them in the transaction of its change, so a change and its
 * request commit together, then announces the change as a
 * {@link PipelineEvent.Kind#CHANGED} event once committed. The PDF monitors own the
 * notes: the event wakes them, and they look on their own every so often, so that a
 * request made while no monitor listened (events are at most once) is still served.
 * <p>
 * A replica claims requests with a lease ({@code FOR UPDATE SKIP LOCKED}), so each is
 * served by one replica; one whose replica died is taken again when its lease runs out. A
 * request made again while it is being served gets a new number and stays for another
 * round: the note then shows the later change too.
 */
public class NoteRefreshes {

	/** After this many tries a request waits for a new change to request it again. */
	public static final int MAX_ATTEMPTS = 5;

	/**
	 * A request a replica holds.
	 *
	 * @param paperId the paper whose note to write again
	 * @param request the request's number, which a newer request replaces
	 * @param attempts how often it was claimed, this time included
	 */
	public record Claimed(UUID paperId, long request, int attempts) {
	}

	private static final String UPSERT = """
			on conflict (paper_id) do update set request = excluded.request, requested_at = now(), attempts = 0,
			    claimed_by = null, claimed_until = null
			""";

	private final JdbcClient jdbc;

	private final PipelineEvents events;

	public NoteRefreshes(JdbcClient jdbc, PipelineEvents events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Requests the notes of these papers (those that exist). */
	public void request(Collection<UUID> paperIds) {
		if (paperIds.isEmpty()) {
			return;
		}
		// In paper order, so that concurrent requests lock their rows in the same order.
		this.jdbc
			.sql("""
					insert into note_refreshes (paper_id, request)
					select id, nextval('note_refresh_requests') from (select id from papers where id in (:ids) order by id) p
					"""
					+ UPSERT)
			.param("ids", paperIds)
			.update();
	}

	/** Requests the notes of the papers whose references resolve to this one. */
	public void requestCiting(UUID paperId) {
		this.jdbc.sql("""
				insert into note_refreshes (paper_id, request)
				select paper_id, nextval('note_refresh_requests') from (
				    select distinct paper_id from paper_references
				    where resolved_paper_id = :paper and paper_id <> :paper order by paper_id) citing
				""" + UPSERT).param("paper", paperId).update();
	}

	/** Requests the notes of the papers that carry this tag. */
	public void requestTagged(UUID tagId) {
		this.jdbc.sql("""
				insert into note_refreshes (paper_id, request)
				select paper_id, nextval('note_refresh_requests') from (
				    select paper_id from paper_tags where tag_id = :tag order by paper_id) tagged
				""" + UPSERT).param("tag", tagId).update();
	}

	/**
	 * Announces a change to the monitors: once the current transaction commits (a
	 * rolled-back change requested nothing), at once outside a transaction.
	 * @param paperId the paper changed, or null for a change to a tag
	 * @param change {@code REMOVED}, {@code CORRECTED} or {@code TAGGED}
	 */
	public void announce(UUID paperId, String change) {
		PipelineEvent event = PipelineEvent.changed(paperId, change);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					NoteRefreshes.this.events.publish(event);
				}
			});
		}
		else {
			this.events.publish(event);
		}
	}

	/** Claims up to {@code limit} requests, oldest first, that no replica holds. */
	public List<Claimed> claim(String owner, Duration lease, int limit) {
		return this.jdbc
			.sql("""
					update note_refreshes r
					set claimed_by = :owner, claimed_until = now() + make_interval(secs => :lease), attempts = r.attempts + 1
					from (
					    select paper_id from note_refreshes
					    where (claimed_until is null or claimed_until < now()) and attempts < :max
					    order by request limit :limit
					    for update skip locked) next
					where r.paper_id = next.paper_id
					returning r.paper_id, r.request, r.attempts
					""")
			.param("owner", owner)
			.param("lease", (double) lease.toSeconds())
			.param("max", MAX_ATTEMPTS)
			.param("limit", limit)
			.query((rs, row) -> new Claimed(rs.getObject("paper_id", UUID.class), rs.getLong("request"),
					rs.getInt("attempts")))
			.list();
	}

	/**
	 * The note is written: the request goes, unless a newer one came in meanwhile, which
	 * stays for another round.
	 */
	public void done(Claimed claimed) {
		this.jdbc.sql("delete from note_refreshes where paper_id = :paper and request = :request")
			.param("paper", claimed.paperId())
			.param("request", claimed.request())
			.update();
	}

	/** Requests waiting, claimed or not (for metrics and tests). */
	public long pending() {
		return this.jdbc.sql("select count(*) from note_refreshes").query(Long.class).single();
	}

}
