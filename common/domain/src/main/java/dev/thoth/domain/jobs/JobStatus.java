package dev.thoth.domain.jobs;

/** An ingestion job's state; QUEUED and RUNNING are the active ones. */
public enum JobStatus {

	QUEUED, RUNNING, DONE, FAILED, QUARANTINED

}
