package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where a paper came from when the discovery service found it: sent with the PDF it
 * uploads, recorded on the ingestion job, and carried to the paper, so the paper links
 * back to its discovery result.
 *
 * @param resultId the discovery result
 * @param queryId the research query that found it
 * @param sources the paper sources that returned it
 * @param ids its identifiers at those sources
 */
public record DiscoveryOrigin(@NotNull UUID resultId, UUID queryId, @Size(max = 6) List<@NotNull @Pattern(
		regexp = ResearchQueryRequest.SOURCE,
		message = "must be one of arxiv, semantic_scholar, pubmed, crossref, openalex, biorxiv") String> sources,
		@Valid Ids ids) {

	/**
	 * A work's identifiers; any may be null.
	 *
	 * @param doi the DOI (of the published version, when there is one)
	 * @param arxivId the arXiv id without its version
	 * @param pmid the PubMed id
	 * @param semanticScholarId the Semantic Scholar paper id
	 * @param openAlexId the OpenAlex work id ({@code W…})
	 * @param preprintDoi the DOI of the preprint (bioRxiv, medRxiv) when the work was
	 * also published
	 */
	public record Ids(@Size(max = 300) String doi, @Size(max = 50) String arxivId, @Size(max = 20) String pmid,
			@Size(max = 100) String semanticScholarId, @Size(max = 100) String openAlexId,
			@Size(max = 300) String preprintDoi) {

	}

}
