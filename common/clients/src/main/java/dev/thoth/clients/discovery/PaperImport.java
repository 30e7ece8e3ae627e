package dev.thoth.clients.discovery;

/**
 * A paper to fetch into the library by exactly one of: an https URL of its PDF, its DOI
 * (resolved to an open-access PDF) or its arXiv id.
 */
public record PaperImport(String url, String doi, String arxivId) {

	public static PaperImport ofUrl(String url) {
		return new PaperImport(url, null, null);
	}

	public static PaperImport ofDoi(String doi) {
		return new PaperImport(null, doi, null);
	}

	public static PaperImport ofArxivId(String arxivId) {
		return new PaperImport(null, null, arxivId);
	}

}
