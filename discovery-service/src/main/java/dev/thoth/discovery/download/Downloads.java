package dev.thoth.discovery.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.thoth.clients.api.DiscoveryOrigin;
import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.UploadsClient;
import dev.thoth.discovery.store.Results;
import dev.thoth.discovery.store.StoredResult;
import dev.thoth.discovery.sources.WorkIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Takes a result's PDF into the library: downloaded safely ({@link PdfDownloader}), then
 * handed to the API's upload with the result's origin (the discovery service has no
 * workspace of its own), which writes it into the inbox and queues its job. A retracted
 * result is never downloaded. Counted in
 * {@code thoth_discovery_downloads_total{outcome}}.
 */
@Component
public class Downloads {

	private static final Log log = LogFactory.getLog(Downloads.class);

	static final String METER = "thoth.discovery.downloads";

	private final PdfDownloader downloader;

	private final UploadsClient uploads;

	private final Results results;

	private final MeterRegistry meters;

	Downloads(PdfDownloader downloader, UploadsClient uploads, Results results, MeterRegistry meters) {
		this.downloader = downloader;
		this.uploads = uploads;
		this.results = results;
		this.meters = meters;
		for (String outcome : new String[] { "downloaded", "refused", "failed" }) {
			meters.counter(METER, "outcome", outcome);
		}
	}

	/**
	 * Downloads the result's PDF into the library; false (with the reason recorded) when
	 * it cannot.
	 */
	public boolean download(StoredResult result) {
		try {
			JobAccepted job = transfer(result);
			this.results.downloaded(result.id(), job.jobId(), job.paperId());
			this.meters.counter(METER, "outcome", "downloaded").increment();
			log.info("Result " + result.id() + " (" + result.title() + ") handed to the library as job " + job.jobId());
			return true;
		}
		catch (DownloadException ex) {
			boolean refused = !"failed".equals(ex.reason()) && !"upload".equals(ex.reason())
					&& !"http_status".equals(ex.reason());
			this.meters.counter(METER, "outcome", refused ? "refused" : "failed").increment();
			this.results.downloadFailed(result.id(), ex.getMessage());
			log.warn("Result " + result.id() + " not downloaded: " + ex.getMessage());
			return false;
		}
	}

	private JobAccepted transfer(StoredResult result) throws DownloadException {
		if (result.retracted()) {
			throw new DownloadException("retracted", "the paper is retracted: it is never downloaded");
		}
		if (result.pdfUrl() == null) {
			throw new DownloadException("no_pdf", "no source gave an open-access PDF for it");
		}
		WorkIds ids = result.ids();
		return fetchIntoLibrary(result.pdfUrl(), fileName(result),
				new DiscoveryOrigin(result.id(), result.queryId(), result.sources(), new DiscoveryOrigin.Ids(ids.doi(),
						ids.arxivId(), ids.pmid(), ids.semanticScholarId(), ids.openAlexId(), ids.preprintDoi())));
	}

	/**
	 * Downloads the PDF at this URL safely and hands it to the API's upload under this
	 * file name, with the origin if there is one.
	 */
	public JobAccepted fetchIntoLibrary(String pdfUrl, String fileName, DiscoveryOrigin origin)
			throws DownloadException {
		PdfDownloader.Downloaded pdf = this.downloader.download(pdfUrl);
		Path named = null;
		try {
			Path folder = Files.createTempDirectory("thoth-upload-");
			named = Files.move(pdf.file(), folder.resolve(fileName));
			return this.uploads.upload(new FileSystemResource(named), origin);
		}
		catch (RestClientException ex) {
			throw new DownloadException("upload", "the API did not take the PDF: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new DownloadException("failed", "the PDF could not be kept for the upload: " + ex.getMessage(), ex);
		}
		finally {
			delete(pdf.file());
			if (named != null) {
				delete(named);
				delete(named.getParent());
			}
		}
	}

	/** "Surname Year Title.pdf", plain characters only; the API makes it safe again. */
	static String fileName(StoredResult result) {
		StringBuilder name = new StringBuilder();
		if (!result.authors().isEmpty()) {
			String first = result.authors().get(0).strip();
			name.append(first.contains(",") ? first.substring(0, first.indexOf(','))
					: first.substring(first.lastIndexOf(' ') + 1))
				.append(' ');
		}
		if (result.year() != null) {
			name.append(result.year()).append(' ');
		}
		name.append(result.title());
		String safe = name.toString().replaceAll("[^\\p{L}\\p{N} ._-]+", " ").replaceAll("\\s+", " ").strip();
		if (safe.isEmpty()) {
			safe = "paper";
		}
		return ((safe.length() > 120) ? safe.substring(0, 120).strip() : safe) + ".pdf";
	}

	private static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			log.debug("Could not delete " + path, ex);
		}
	}

}
