package dev.thoth.api.papers;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.FieldProvenance;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.domain.papers.Paper;

/** A paper as the API shows it. */
final class PaperViews {

	private PaperViews() {
	}

	/** Needs the paper's authors and field sources loaded. */
	static PaperDetails details(Paper paper) {
		Map<String, FieldProvenance> provenance = paper.getFieldSources()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> new FieldProvenance(entry.getValue().source(), entry.getValue().confidence())));
		return new PaperDetails(paper.getId(), paper.getTitle(), authors(paper), paper.getYear(), paper.getDoi(),
				paper.getArxivId(), paper.getVenue(), paper.getAbstractText(), paper.getKeywords(),
				paper.getPageCount(), paper.getStatus().name(), paper.getContentSha256(), provenance,
				paper.getCreatedAt(), paper.getUpdatedAt());
	}

	static List<AuthorName> authors(Paper paper) {
		return paper.getAuthors().stream().map(AuthorName::new).toList();
	}

}
