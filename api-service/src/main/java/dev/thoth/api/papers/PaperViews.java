package dev.thoth.api.papers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.thoth.api.retractions.Retractions;
import dev.thoth.api.web.DiscoveryOrigins;
import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.FieldProvenance;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A paper as the API shows it. */
@Component
class PaperViews {

	private final JdbcClient jdbc;

	private final DiscoveryOrigins origins;

	private final Retractions retractions;

	PaperViews(JdbcClient jdbc, DiscoveryOrigins origins, Retractions retractions) {
		this.jdbc = jdbc;
		this.origins = origins;
		this.retractions = retractions;
	}

	/**
	 * Needs the paper's authors and field sources loaded. The discovery origin is written
	 * by the PDF monitor, outside the entity, and read here.
	 */
	PaperDetails details(Paper paper) {
		String origin = this.jdbc.sql("select cast(discovery_origin as text) from papers where id = :id")
			.param("id", paper.getId())
			.query(String.class)
			.optional()
			.orElse(null);
		Map<String, FieldProvenance> provenance = provenance(paper.getFieldSources());
		return new PaperDetails(paper.getId(), paper.getTitle(), authors(paper), paper.getYear(), paper.getDoi(),
				paper.getArxivId(), paper.getVenue(), paper.getAbstractText(), paper.getKeywords(),
				paper.getPageCount(), paper.getStatus().name(), paper.getContentSha256(), provenance,
				paper.fieldsToReview(), paper.getCreatedAt(), paper.getUpdatedAt(), this.origins.fromJson(origin),
				this.retractions.of(paper.getId()).orElse(null));
	}

	/** Where each field came from, by field name in order: a paper's or a reference's. */
	static Map<String, FieldProvenance> provenance(Map<String, FieldSource> sources) {
		Map<String, FieldProvenance> provenance = new TreeMap<>();
		sources.forEach(
				(field, source) -> provenance.put(field, new FieldProvenance(source.source(), source.confidence())));
		return provenance;
	}

	static List<AuthorName> authors(Paper paper) {
		return paper.getAuthors().stream().map(AuthorName::new).toList();
	}

}
