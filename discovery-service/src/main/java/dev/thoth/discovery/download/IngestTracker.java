package dev.thoth.discovery.download;

import java.util.UUID;

import dev.thoth.discovery.library.ApiStartup;
import dev.thoth.clients.api.JobDetails;
import dev.thoth.clients.api.JobsClient;
import dev.thoth.discovery.store.Results;
import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Follows each downloaded result's ingestion job through the API: when the job ends with
 * a paper, the result is {@code in_library}; when it ends without one (quarantined,
 * failed), the result is accepted again with the reason. A finished job is noticed at
 * once from the pipeline events, and in any case by the periodic check (events are live
 * only).
 */
@Component
class IngestTracker implements DisposableBean {

	private static final Log log = LogFactory.getLog(IngestTracker.class);

	private final Results results;

	private final JobsClient jobs;

	private final ObjectProvider<PipelineEvents> events;

	private PipelineEvents.Subscription subscription;

	private final ApiStartup api;

	IngestTracker(Results results, JobsClient jobs, ObjectProvider<PipelineEvents> events, ApiStartup api) {
		this.api = api;
		this.results = results;
		this.jobs = jobs;
		this.events = events;
	}

	@EventListener(ContextRefreshedEvent.class)
	void listen() {
		PipelineEvents pipeline = this.events.getIfAvailable();
		if (pipeline != null && this.subscription == null) {
			this.subscription = pipeline.subscribe(this::onEvent);
		}
	}

	private void onEvent(PipelineEvent event) {
		if (event.kind() == PipelineEvent.Kind.FINISHED && event.jobId() != null
				&& this.results.pendingJobs().contains(event.jobId())) {
			Thread.ofVirtual().name("discovery-ingest-" + event.jobId()).start(() -> check(event.jobId()));
		}
	}

	@Scheduled(fixedDelayString = "${thoth.discovery.schedule.ingest-check}",
			initialDelayString = "${thoth.discovery.schedule.ingest-check}")
	@SchedulerLock(name = "discovery-ingest-check", lockAtMostFor = "PT5M")
	void checkAll() {
		if (!this.api.apiHasAnswered()) {
			return;
		}
		for (UUID job : this.results.pendingJobs()) {
			check(job);
		}
	}

	void check(UUID jobId) {
		JobDetails job;
		try {
			job = this.jobs.get(jobId);
		}
		catch (HttpClientErrorException.NotFound ex) {
			this.results.ingestFailed(jobId, "the ingestion job " + jobId + " no longer exists");
			return;
		}
		catch (RestClientException ex) {
			log.debug("Job " + jobId + " cannot be checked now: " + ex.getMessage());
			return;
		}
		switch (job.status()) {
			case "DONE" -> {
				if (job.paperId() != null && this.results.inLibrary(jobId, job.paperId())) {
					log.info("Discovery job " + jobId + " is paper " + job.paperId());
				}
			}
			case "FAILED", "QUARANTINED" -> this.results.ingestFailed(jobId,
					"ingestion ended " + job.status() + ((job.error() != null) ? ": " + job.error() : ""));
			default -> {
			}
		}
	}

	@Override
	public void destroy() {
		if (this.subscription != null) {
			this.subscription.close();
		}
	}

}
