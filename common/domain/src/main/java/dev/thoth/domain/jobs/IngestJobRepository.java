package dev.thoth.domain.jobs;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface IngestJobRepository extends JpaRepository<IngestJob, UUID> {

	long countByStatus(JobStatus status);

}
