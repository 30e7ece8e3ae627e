package dev.thoth.domain.tags;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TagRepository extends JpaRepository<Tag, UUID> {

	Optional<Tag> findByName(String name);

}
