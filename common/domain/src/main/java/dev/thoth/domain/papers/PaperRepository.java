package dev.thoth.domain.papers;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PaperRepository extends JpaRepository<Paper, UUID> {

	Optional<Paper> findByContentSha256(String contentSha256);

	@EntityGraph(attributePaths = { "authors", "fieldSources" })
	Optional<Paper> findWithDetailsById(UUID id);

	Page<Paper> findByStatus(PaperStatus status, Pageable pageable);

}
