package dev.thoth.domain.papers;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PaperReferenceRepository extends JpaRepository<PaperReference, UUID> {

	Page<PaperReference> findByPaperIdOrderByPosition(UUID paperId, Pageable pageable);

	long countByResolvedPaperId(UUID resolvedPaperId);

}
