package dev.thoth.domain.queries;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ResearchQueryRepository extends JpaRepository<ResearchQuery, UUID> {

	List<ResearchQuery> findByEnabledTrue();

	Page<ResearchQuery> findByEnabled(boolean enabled, Pageable pageable);

	boolean existsByName(String name);

	boolean existsByNameAndIdNot(String name, UUID id);

}
