package dev.thoth.domain.papers;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where one metadata field came from, and how confident the extractor is in it. */
@Embeddable
public record FieldSource(@Column(name = "source", nullable = false) String source,
		@Column(name = "confidence", nullable = false) double confidence) {

	public FieldSource {
		if (confidence < 0 || confidence > 1) {
			throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
		}
	}

}
