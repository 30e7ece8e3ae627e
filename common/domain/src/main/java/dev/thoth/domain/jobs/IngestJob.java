package dev.thoth.domain.jobs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

/**
 * A file to ingest. A PDF monitor replica claims it with a lease that expires, so a
 * replica that dies mid-job has its job taken over.
 */
@Entity
@Table(name = "ingest_jobs")
public class IngestJob {

	@Id
	private UUID id;

	@Column(name = "content_sha256", nullable = false, length = 64)
	private String contentSha256;

	@Column(name = "source_path", nullable = false)
	private String sourcePath;

	@Column(name = "original_filename")
	private String originalFilename;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private JobStatus status;

	@Column(name = "paper_id")
	private UUID paperId;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "lease_owner")
	private String leaseOwner;

	@Column(name = "lease_expires_at")
	private Instant leaseExpiresAt;

	private String error;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected IngestJob() {
	}

	public IngestJob(String contentSha256, String sourcePath, String originalFilename) {
		this.id = UUID.randomUUID();
		this.contentSha256 = contentSha256;
		this.sourcePath = sourcePath;
		this.originalFilename = originalFilename;
		this.status = JobStatus.QUEUED;
	}

	@PrePersist
	@PreUpdate
	void touch() {
		Instant now = Instant.now();
		if (this.createdAt == null) {
			this.createdAt = now;
		}
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public String getContentSha256() {
		return this.contentSha256;
	}

	public String getSourcePath() {
		return this.sourcePath;
	}

	public String getOriginalFilename() {
		return this.originalFilename;
	}

	public JobStatus getStatus() {
		return this.status;
	}

	public UUID getPaperId() {
		return this.paperId;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public String getLeaseOwner() {
		return this.leaseOwner;
	}

	public Instant getLeaseExpiresAt() {
		return this.leaseExpiresAt;
	}

	public String getError() {
		return this.error;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
