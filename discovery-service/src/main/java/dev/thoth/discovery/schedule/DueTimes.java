package dev.thoth.discovery.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a query's schedule is due: its cron (or macro), in UTC, as the API validates it.
 */
final class DueTimes {

	/**
	 * After a long pause (the service was down) a query catches up once, not each missed
	 * time.
	 */
	private static final int MAX_STEPS = 100_000;

	private DueTimes() {
	}

	/**
	 * The latest time the schedule fires after {@code since} and not after {@code now};
	 * empty when it does not fire in between (or the schedule cannot be read).
	 */
	static Optional<Instant> latestDue(String schedule, Instant since, Instant now) {
		if (schedule == null || !CronExpression.isValidExpression(schedule)) {
			return Optional.empty();
		}
		CronExpression cron = CronExpression.parse(schedule);
		LocalDateTime end = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
		LocalDateTime next = cron.next(LocalDateTime.ofInstant(since, ZoneOffset.UTC));
		LocalDateTime due = null;
		for (int step = 0; next != null && !next.isAfter(end) && step < MAX_STEPS; step++) {
			due = next;
			next = cron.next(next);
		}
		return Optional.ofNullable(due).map((time) -> time.toInstant(ZoneOffset.UTC));
	}

}
