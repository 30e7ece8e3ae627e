package dev.thoth.api.tags;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which papers carry a tag, for the searches and questions that are limited to tags. A
 * tag is named as users type it ("Deep Learning "): the name is normalised as stored.
 */
@Component
public class TaggedPapers {

	private final JdbcClient jdbc;

	TaggedPapers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The papers carrying at least one of the tags; blank names are ignored. */
	public Set<UUID> withAnyOf(Collection<String> names) {
		// A name with a NUL character cannot be stored, so no tag has it (and PostgreSQL
		// would refuse it as a parameter).
		List<String> normalized = names.stream()
			.filter((name) -> name != null && name.indexOf('\u0000') < 0)
			.map(TagNames::normalize)
			.filter((name) -> !name.isEmpty())
			.distinct()
			.toList();
		if (normalized.isEmpty()) {
			return new HashSet<>();
		}
		return new HashSet<>(this.jdbc.sql("""
				select distinct pt.paper_id from paper_tags pt join tags t on t.id = pt.tag_id
				where t.name in (:names)
				""").param("names", normalized).query(UUID.class).list());
	}

}
