package dev.thoth.domain.tags;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A label on papers, from a user or from analysis. */
@Entity
@Table(name = "tags")
public class Tag {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true)
	private String name;

	protected Tag() {
	}

	public Tag(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("tag name must not be blank");
		}
		this.id = UUID.randomUUID();
		this.name = name.strip();
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public void rename(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("tag name must not be blank");
		}
		this.name = name.strip();
	}

}
