package dev.thoth.domain.queries;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ResearchQueryRepository extends JpaRepository<ResearchQuery, UUID> {

	List<ResearchQuery> findByEnabledTrue();

}
