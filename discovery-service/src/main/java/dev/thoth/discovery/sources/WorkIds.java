package dev.thoth.discovery.sources;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifiers of one work, normalised: a DOI in lower case without its resolver
 * prefix, an arXiv id without its version, a PMID of digits. A preprint and its published
 * version are one work: {@code doi} is the published version's DOI where it is known,
 * {@code preprintDoi} the preprint's (bioRxiv, medRxiv, arXiv's own DOI).
 *
 * @param doi the DOI
 * @param preprintDoi the DOI of the preprint, when the work also has a published version
 * @param arxivId the arXiv id without version ({@code 2101.00001},
 * {@code hep-th/9901001})
 * @param pmid the PubMed id
 * @param semanticScholarId the Semantic Scholar paper id
 * @param openAlexId the OpenAlex work id ({@code W…})
 */
public record WorkIds(String doi, String preprintDoi, String arxivId, String pmid, String semanticScholarId,
		String openAlexId) {

	private static final Pattern DOI = Pattern.compile("(10\\.\\d{4,9}/\\S+)");

	private static final Pattern ARXIV = Pattern.compile(
			"(?i)(?:arxiv:)?(?:https?://(?:export\\.)?arxiv\\.org/(?:abs|pdf)/)?(\\d{4}\\.\\d{4,5}|[a-z][a-z.-]*/\\d{7})(?:v\\d+)?(?:\\.pdf)?");

	private static final Pattern OPENALEX = Pattern.compile("(?i)(?:https?://openalex\\.org/)?(W\\d+)");

	private static final Pattern PMID = Pattern.compile("(?:https?://pubmed\\.ncbi\\.nlm\\.nih\\.gov/)?(\\d{1,9})/?");

	public WorkIds {
		doi = doi(doi);
		preprintDoi = doi(preprintDoi);
		if (preprintDoi != null && preprintDoi.equals(doi)) {
			preprintDoi = null;
		}
		arxivId = arxiv(arxivId);
		pmid = match(PMID, pmid);
		semanticScholarId = blankToNull(semanticScholarId);
		openAlexId = match(OPENALEX, openAlexId);
		if (openAlexId != null) {
			openAlexId = openAlexId.toUpperCase(Locale.ROOT);
		}
	}

	public static WorkIds none() {
		return new WorkIds(null, null, null, null, null, null);
	}

	/**
	 * A DOI as {@code 10.x/y} in lower case, from any of its usual spellings; else null.
	 */
	public static String doi(String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = DOI.matcher(value.strip());
		if (!matcher.find()) {
			return null;
		}
		String doi = matcher.group(1).toLowerCase(Locale.ROOT);
		// Trailing punctuation is never part of a DOI printed in text.
		return doi.replaceAll("[.,;]+$", "");
	}

	/** An arXiv id without its version; else null. */
	public static String arxiv(String value) {
		String id = match(ARXIV, value);
		return (id != null) ? id.toLowerCase(Locale.ROOT) : null;
	}

	/** These ids, with the other's where this has none. */
	public WorkIds merge(WorkIds other) {
		String mergedDoi = (this.doi != null) ? this.doi : other.doi;
		String mergedPreprint = (this.preprintDoi != null) ? this.preprintDoi : other.preprintDoi;
		// The other's DOI is this work's preprint DOI, or the other way round.
		if (other.doi != null && !other.doi.equals(mergedDoi) && mergedPreprint == null) {
			mergedPreprint = other.doi;
		}
		return new WorkIds(mergedDoi, mergedPreprint, first(this.arxivId, other.arxivId), first(this.pmid, other.pmid),
				first(this.semanticScholarId, other.semanticScholarId), first(this.openAlexId, other.openAlexId));
	}

	/**
	 * The same ids, with this DOI as the published version's and the old one as preprint.
	 */
	public WorkIds publishedAs(String publishedDoi) {
		String published = doi(publishedDoi);
		if (published == null || published.equals(this.doi)) {
			return this;
		}
		return new WorkIds(published, (this.preprintDoi != null) ? this.preprintDoi : this.doi, this.arxivId, this.pmid,
				this.semanticScholarId, this.openAlexId);
	}

	public boolean isEmpty() {
		return this.doi == null && this.preprintDoi == null && this.arxivId == null && this.pmid == null
				&& this.semanticScholarId == null && this.openAlexId == null;
	}

	private static String first(String a, String b) {
		return (a != null) ? a : b;
	}

	private static String match(Pattern pattern, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Matcher matcher = pattern.matcher(value.strip());
		return matcher.matches() ? matcher.group(1) : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
