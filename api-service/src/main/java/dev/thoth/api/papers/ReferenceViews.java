package dev.thoth.api.papers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.thoth.clients.api.ReferenceView;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperRepository;

/**
 * Reference entries as the API shows them, with the titles of the papers they resolve to
 * and the provenance of the fields online lookups filled or corrected.
 */
final class ReferenceViews {

	private ReferenceViews() {
	}

	static List<ReferenceView> of(List<PaperReference> references, PaperRepository papers) {
		Map<UUID, String> resolvedTitles = new HashMap<>();
		papers
			.findAllById(references.stream().map(PaperReference::getResolvedPaperId).filter(Objects::nonNull).toList())
			.forEach((resolved) -> resolvedTitles.put(resolved.getId(), resolved.getTitle()));
		return references.stream()
			.map((reference) -> new ReferenceView(reference.getPosition(), reference.getRaw(), reference.getTitle(),
					reference.getAuthors(), reference.getYear(), reference.getVenue(), reference.getDoi(),
					reference.getArxivId(), reference.getCitedOnPages(),
					(reference.getResolvedPaperId() != null) ? new ReferenceView.ResolvedPaper(
							reference.getResolvedPaperId(), resolvedTitles.get(reference.getResolvedPaperId())) : null,
					// The field sources load here, inside the caller's transaction.
					PaperViews.provenance(reference.getFieldSources())))
			.toList();
	}

}
