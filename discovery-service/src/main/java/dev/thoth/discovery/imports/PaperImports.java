package dev.thoth.discovery.imports;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.discovery.PaperImport;
import dev.thoth.discovery.DiscoveryProperties;
import dev.thoth.discovery.download.DownloadException;
import dev.thoth.discovery.download.Downloads;
import dev.thoth.discovery.sources.Candidate;
import dev.thoth.discovery.sources.CrossrefSource;
import dev.thoth.discovery.sources.SourceException;
import dev.thoth.discovery.sources.SourceTally;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A paper into the library by URL, DOI or arXiv id: the id resolved to a PDF address
 * (arXiv's own; for a DOI, the PDF link CrossRef records, or arXiv's for an arXiv DOI),
 * then fetched by the same safe downloader as discovery results and handed to the API's
 * upload. Refusals and failures are problems naming the field and why.
 */
@Component
class PaperImports {

	private static final Log log = LogFactory.getLog(PaperImports.class);

	/** New-style (2301.01234, with version) and old-style (hep-th/9901001) arXiv ids. */
	static final Pattern ARXIV_ID = Pattern.compile(
			"^(?:arxiv:)?((?:\\d{4}\\.\\d{4,5}|[a-z][a-z.-]*(?:\\.[A-Z]{2})?/\\d{7})(?:v\\d+)?)$",
			Pattern.CASE_INSENSITIVE);

	static final Pattern DOI = Pattern.compile("^(?:doi:|https?://(?:dx\\.)?doi\\.org/)?(10\\.\\d{4,9}/\\S+)$",
			Pattern.CASE_INSENSITIVE);

	/** arXiv's DataCite DOIs: 10.48550/arXiv.2301.01234. */
	private static final Pattern ARXIV_DOI = Pattern.compile("^10\\.48550/arxiv\\.(.+)$", Pattern.CASE_INSENSITIVE);

	private final Downloads downloads;

	private final CrossrefSource crossref;

	private final String arxivPdfUrl;

	PaperImports(Downloads downloads, CrossrefSource crossref, DiscoveryProperties properties) {
		this.downloads = downloads;
		this.crossref = crossref;
		String base = properties.imports().arxivPdfUrl();
		this.arxivPdfUrl = base.endsWith("/") ? base : base + "/";
	}

	JobAccepted importPaper(PaperImport paper) {
		int given = ((paper.url() != null) ? 1 : 0) + ((paper.doi() != null) ? 1 : 0)
				+ ((paper.arxivId() != null) ? 1 : 0);
		if (given != 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"give exactly one of url (an https URL of a PDF), doi or arxivId");
		}
		if (paper.url() != null) {
			String url = paper.url().strip();
			if (url.isEmpty() || url.length() > 2000) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"url: must be an https URL of 1 to 2000 characters");
			}
			return fetch(url, fileName("paper", lastSegment(url)), "url");
		}
		if (paper.arxivId() != null) {
			Matcher arxiv = ARXIV_ID.matcher(paper.arxivId().strip());
			if (!arxiv.matches()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"arxivId: expected an arXiv id such as 2301.01234, 2301.01234v2 or hep-th/9901001");
			}
			return arxiv(arxiv.group(1), "arxivId");
		}
		Matcher doi = DOI.matcher(paper.doi().strip());
		if (!doi.matches() || doi.group(1).length() > 300) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"doi: expected a DOI such as 10.1000/xyz123 (at most 300 characters)");
		}
		return doi(doi.group(1));
	}

	private JobAccepted arxiv(String id, String field) {
		return fetch(this.arxivPdfUrl + id, fileName("arXiv", id), field);
	}

	private JobAccepted doi(String doi) {
		Matcher arxiv = ARXIV_DOI.matcher(doi);
		if (arxiv.matches() && ARXIV_ID.matcher(arxiv.group(1)).matches()) {
			return arxiv(arxiv.group(1), "doi");
		}
		Optional<Candidate> work;
		try {
			work = this.crossref.work(doi, new SourceTally());
		}
		catch (SourceException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"CrossRef, which resolves DOIs, did not answer: " + ex.getMessage());
		}
		Candidate found = work.orElseThrow(
				() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "doi: CrossRef does not know the DOI " + doi));
		if (found.retracted()) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"doi: " + doi + " is retracted: it is not downloaded");
		}
		if (found.pdfUrl() == null) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "doi: no open-access PDF is known for "
					+ doi + "; download it yourself and add it by its workspace path or its URL");
		}
		return fetch(found.pdfUrl(), fileName(doi, found.title()), "doi");
	}

	private JobAccepted fetch(String url, String fileName, String field) {
		try {
			JobAccepted job = this.downloads.fetchIntoLibrary(url, fileName, null);
			log.info("Imported " + url + " as job " + job.jobId());
			return job;
		}
		catch (DownloadException ex) {
			// The PDF's server failing is the request's problem, not this service's: 422,
			// since callers retry a 502 and count it against this service's circuit.
			HttpStatus status = "upload".equals(ex.reason()) ? HttpStatus.SERVICE_UNAVAILABLE
					: HttpStatus.UNPROCESSABLE_CONTENT;
			throw new ResponseStatusException(status, field + ": " + ex.getMessage() + " (" + ex.reason() + ")");
		}
	}

	private static String lastSegment(String url) {
		String path = url.replaceAll("[?#].*$", "");
		String segment = path.substring(path.lastIndexOf('/') + 1);
		return segment.toLowerCase(Locale.ROOT).endsWith(".pdf") ? segment.substring(0, segment.length() - 4) : segment;
	}

	/** Plain characters only; the API makes the name safe again. */
	static String fileName(String prefix, String name) {
		String safe = (prefix + " " + ((name != null) ? name : "")).replaceAll("[^\\p{L}\\p{N} ._-]+", " ")
			.replaceAll("\\s+", " ")
			.strip();
		return ((safe.length() > 120) ? safe.substring(0, 120).strip() : safe) + ".pdf";
	}

}
