package dev.thoth.discovery.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs every replica shares: queued by a schedule (once per due time: the unique
 * index decides) or by hand, claimed with {@code FOR UPDATE SKIP LOCKED} and a lease the
 * runner renews. A run whose lease ran out (its replica stopped) is taken over, and
 * failed once it has been taken up as often as allowed: never left {@code running}.
 */
@Repository
public class RunQueue {

	private final JdbcClient jdbc;

	RunQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues the run due at that time, unless a replica queued it already. */
	public Optional<UUID> enqueueScheduled(UUID queryId, Instant dueAt) {
		UUID id = UUID.randomUUID();
		int inserted = this.jdbc.sql("""
				insert into runs (id, query_id, trigger, scheduled_for, status)
				values (:id, :query, 'schedule', :due, 'queued')
				on conflict (query_id, scheduled_for) where trigger = 'schedule' do nothing
				""")
			.param("id", id)
			.param("query", queryId)
			.param("due", dueAt.atOffset(java.time.ZoneOffset.UTC))
			.update();
		return (inserted == 1) ? Optional.of(id) : Optional.empty();
	}

	/** A run asked for by hand; the query's run already waiting or running, if any. */
	public UUID enqueueManual(UUID queryId) {
		Optional<UUID> active = this.jdbc.sql("""
				select id from runs where query_id = :query and status in ('queued', 'running')
				order by created_at limit 1
				""").param("query", queryId).query(UUID.class).optional();
		if (active.isPresent()) {
			return active.get();
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("insert into runs (id, query_id, trigger, status) values (:id, :query, 'manual', 'queued')")
			.param("id", id)
			.param("query", queryId)
			.update();
		return id;
	}

	/** When the query's schedule last queued a run, if ever. */
	public Optional<Instant> lastScheduled(UUID queryId) {
		return this.jdbc.sql("select max(scheduled_for) from runs where query_id = :query and trigger = 'schedule'")
			.param("query", queryId)
			.query((rs, row) -> instant(rs, 1))
			.optional()
			.filter((at) -> at != null);
	}

	/**
	 * Fails the runs whose replicas stopped too often, then takes the oldest queued run,
	 * or a running one whose lease ran out.
	 */
	@Transactional
	public Optional<ClaimedRun> claim(String owner, Duration lease, int maxAttempts) {
		this.jdbc.sql("""
				update runs set status = 'failed', finished_at = now(), lease_owner = null, lease_expires_at = null,
				    error = 'the replica running it stopped ' || attempts || ' times; given up'
				where status = 'running' and lease_expires_at < now() and attempts >= :max
				""").param("max", maxAttempts).update();
		return this.jdbc.sql("""
				with next as (
				    select id from runs
				    where status = 'queued' or (status = 'running' and lease_expires_at < now())
				    order by created_at
				    limit 1
				    for update skip locked
				)
				update runs run set status = 'running', lease_owner = :owner,
				    lease_expires_at = now() + make_interval(secs => :lease), attempts = run.attempts + 1,
				    started_at = coalesce(run.started_at, now())
				from next where run.id = next.id
				returning run.id, run.query_id, run.trigger, run.attempts
				""")
			.param("owner", owner)
			.param("lease", (double) lease.toMillis() / 1000)
			.query((rs, row) -> new ClaimedRun(rs.getObject("id", UUID.class), rs.getObject("query_id", UUID.class),
					rs.getString("trigger"), rs.getInt("attempts")))
			.optional();
	}

	/** Keeps the run; false when the lease was lost (another replica took it over). */
	public boolean renew(UUID runId, String owner, Duration lease) {
		return this.jdbc.sql("""
				update runs set lease_expires_at = now() + make_interval(secs => :lease)
				where id = :id and lease_owner = :owner and status = 'running'
				""")
			.param("lease", (double) lease.toMillis() / 1000)
			.param("id", runId)
			.param("owner", owner)
			.update() == 1;
	}

	/** Gives a run back to the queue (this replica is stopping); another takes it up. */
	public void release(UUID runId, String owner) {
		this.jdbc.sql("""
				update runs set status = 'queued', lease_owner = null, lease_expires_at = null
				where id = :id and lease_owner = :owner and status = 'running'
				""").param("id", runId).param("owner", owner).update();
	}

	/** Ends the run; only its holder can. */
	public boolean finish(UUID runId, String owner, String status, String error) {
		return this.jdbc.sql("""
				update runs set status = :status, error = :error, finished_at = now(), lease_owner = null,
				    lease_expires_at = null
				where id = :id and lease_owner = :owner and status = 'running'
				""")
			.param("status", status)
			.param("error", (error != null && error.length() > 2000) ? error.substring(0, 2000) : error)
			.param("id", runId)
			.param("owner", owner)
			.update() == 1;
	}

	/** What each source did; a run taken over writes its own. */
	@Transactional
	public void report(UUID runId, List<SourceReport> reports) {
		this.jdbc.sql("delete from run_sources where run_id = :id").param("id", runId).update();
		int position = 0;
		for (SourceReport report : reports) {
			this.jdbc.sql("""
					insert into run_sources (run_id, source, position, status, fetched, new_results, duplicates,
					    downloaded, errors, rate_limit_wait_ms)
					values (:run, :source, :position, :status, :fetched, :new, :duplicates, :downloaded, :errors,
					    :wait)
					""")
				.param("run", runId)
				.param("source", report.source())
				.param("position", position++)
				.param("status", report.status())
				.param("fetched", report.fetched())
				.param("new", report.newResults())
				.param("duplicates", report.duplicates())
				.param("downloaded", report.downloaded())
				.param("errors", report.errors().toArray(new String[0]))
				.param("wait", report.rateLimitWaitMs())
				.update();
		}
	}

	public Optional<RunView> view(UUID runId) {
		return this.jdbc.sql("select " + RUN_COLUMNS + " from runs where id = :id")
			.param("id", runId)
			.query((rs, row) -> run(rs, sources(runId)))
			.optional();
	}

	/**
	 * A query's runs (or every query's), newest first: the scheduled ones by due time,
	 * each due time once.
	 */
	@Transactional(readOnly = true)
	public PageResponse<RunView> list(UUID queryId, int page, int size) {
		String where = (queryId != null) ? " where query_id = :query" : "";
		Map<String, Object> params = new HashMap<>();
		if (queryId != null) {
			params.put("query", queryId);
		}
		long total = this.jdbc.sql("select count(*) from runs" + where).params(params).query(Long.class).single();
		List<RunView> items = this.jdbc.sql("select " + RUN_COLUMNS + " from runs" + where
				+ " order by coalesce(scheduled_for, created_at) desc, created_at desc, id limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> run(rs, sources(rs.getObject("id", UUID.class))))
			.list();
		return new PageResponse<>(items, page, size, total,
				(int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size));
	}

	private static final String RUN_COLUMNS = "id, query_id, trigger, scheduled_for, status, attempts, error, "
			+ "created_at, started_at, finished_at";

	private static RunView run(ResultSet rs, List<SourceReport> sources) throws SQLException {
		return new RunView(rs.getObject("id", UUID.class), rs.getObject("query_id", UUID.class),
				rs.getString("trigger"), instant(rs, "scheduled_for"), rs.getString("status"), rs.getInt("attempts"),
				rs.getString("error"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				sources);
	}

	private List<SourceReport> sources(UUID runId) {
		return this.jdbc.sql("""
				select source, status, fetched, new_results, duplicates, downloaded, errors, rate_limit_wait_ms
				from run_sources where run_id = :id order by position
				""")
			.param("id", runId)
			.query((rs, row) -> new SourceReport(rs.getString("source"), rs.getString("status"), rs.getInt("fetched"),
					rs.getInt("new_results"), rs.getInt("duplicates"), rs.getInt("downloaded"),
					List.of((String[]) rs.getArray("errors").getArray()), rs.getLong("rate_limit_wait_ms")))
			.list();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
