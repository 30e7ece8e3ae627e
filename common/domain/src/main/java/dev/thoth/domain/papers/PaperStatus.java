package dev.thoth.domain.papers;

/** Where a paper is in its life: waiting, being processed, ready, or failed. */
public enum PaperStatus {

	PENDING, PROCESSING, READY, FAILED

}
