package dev.thoth.discovery.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ResearchQueriesClient;
import dev.thoth.clients.api.ResearchQueryView;
import dev.thoth.discovery.library.ApiStartup;
import dev.thoth.discovery.runs.RunQueue;
import dev.thoth.discovery.runs.RunWorker;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Queues each enabled query's run when its schedule is due: on one replica at a time
 * (ShedLock on PostgreSQL), and once per due time whatever happens (the runs table's
 * unique index on query and due time), so however many replicas there are, each due run
 * happens once. A query is first due at its schedule's first time after it was created.
 */
@Component
public class ScheduleTick {

	private static final Log log = LogFactory.getLog(ScheduleTick.class);

	private static final int PAGE = 100;

	private final ResearchQueriesClient queries;

	private final RunQueue queue;

	private final RunWorker worker;

	private final Clock clock;

	private final ApiStartup api;

	ScheduleTick(ResearchQueriesClient queries, RunQueue queue, RunWorker worker, Clock clock, ApiStartup api) {
		this.api = api;
		this.queries = queries;
		this.queue = queue;
		this.worker = worker;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${thoth.discovery.schedule.tick}",
			initialDelayString = "${thoth.discovery.schedule.tick}")
	@SchedulerLock(name = "discovery-schedule", lockAtMostFor = "PT5M")
	public void tick() {
		if (!this.api.apiHasAnswered()) {
			return;
		}
		try {
			int queued = queueDue();
			if (queued > 0) {
				this.worker.wake();
			}
		}
		catch (RestClientException ex) {
			log.warn("Research queries could not be read from the API: " + ex.getMessage());
		}
	}

	/** Queues every run due now; how many this call queued. */
	public int queueDue() {
		return queueDue(this.clock.instant());
	}

	/** Queues every run due at that time; how many this call queued. */
	public int queueDue(Instant now) {
		int queued = 0;
		for (int page = 0;; page++) {
			PageResponse<ResearchQueryView> enabled = this.queries.list(true, page, PAGE);
			for (ResearchQueryView query : enabled.items()) {
				Instant since = this.queue.lastScheduled(query.id()).orElse(query.createdAt());
				Optional<Instant> due = DueTimes.latestDue(query.schedule(), since, now);
				if (due.isPresent()) {
					Optional<UUID> run = this.queue.enqueueScheduled(query.id(), due.get());
					if (run.isPresent()) {
						queued++;
						log.info("Queued run " + run.get() + " of '" + query.name() + "' due at " + due.get());
					}
				}
			}
			if (page + 1 >= enabled.totalPages()) {
				return queued;
			}
		}
	}

}
