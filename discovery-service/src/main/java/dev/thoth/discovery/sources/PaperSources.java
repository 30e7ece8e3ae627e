package dev.thoth.discovery.sources;

import java.util.List;
import java.util.Optional;

/** Every paper source, in the order research queries list them. */
public record PaperSources(List<PaperSource> all) {

	public PaperSources {
		all = List.copyOf(all);
	}

	public Optional<PaperSource> named(String name) {
		return this.all.stream().filter((source) -> source.name().equals(name)).findFirst();
	}

	/** The sources a query names, or all of them when it names none. */
	public List<PaperSource> forQuery(List<String> names) {
		if (names == null || names.isEmpty()) {
			return this.all;
		}
		return this.all.stream().filter((source) -> names.contains(source.name())).toList();
	}

}
