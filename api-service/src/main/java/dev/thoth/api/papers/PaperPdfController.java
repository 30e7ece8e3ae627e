package dev.thoth.api.papers;

import java.nio.file.Path;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A paper's stored PDF, as citations link to it ({@code /api/v1/papers/{id}/pdf#page=N}).
 * Returned as a {@link Resource}, so Spring answers {@code Range} requests with
 * {@code 206} and the requested bytes.
 */
@RestController
@RequestMapping("/api/v1/papers")
class PaperPdfController {

	private static final Log log = LogFactory.getLog(PaperPdfController.class);

	private final PaperRepository papers;

	private final LibraryFiles files;

	PaperPdfController(PaperRepository papers, LibraryFiles files) {
		this.papers = papers;
		this.files = files;
	}

	@GetMapping(path = "/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The paper's PDF",
			description = "Shown inline; supports Range requests. Link to a page with #page=N.")
	@ApiResponse(responseCode = "200", description = "The PDF",
			content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The requested byte ranges of the PDF",
			content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "400", description = "The id or a parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "No such paper, or its PDF is not in the library",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "416", description = "The requested range is outside the file")
	ResponseEntity<Resource> pdf(@PathVariable UUID id) {
		Paper paper = this.papers.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
		// Only a file inside the workspace's papers/ folder is served, whatever the row
		// says: the database must not be a way to read other files.
		Path pdf = this.files.storedPdf(paper.getFilePath()).orElseThrow(() -> {
			if (paper.getFilePath() != null) {
				log.warn("Paper " + id + " names a PDF that is missing or outside the papers folder: "
						+ paper.getFilePath());
			}
			return new ResponseStatusException(HttpStatus.NOT_FOUND, "Paper " + id + " has no PDF in the library");
		});
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(safeFileName(pdf.getFileName().toString())).build().toString())
			.body(new FileSystemResource(pdf));
	}

	/**
	 * The name as plain ASCII letters, digits and a little punctuation, so that no quote,
	 * control character or path can reach the header.
	 */
	static String safeFileName(String name) {
		String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.replaceAll("[^A-Za-z0-9._ ()-]+", "_")
			.replaceAll("_+", "_")
			.strip();
		if (ascii.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
			ascii = ascii.substring(0, ascii.length() - 4);
		}
		ascii = ascii.replaceAll("^[._ ]+", "");
		if (ascii.isEmpty()) {
			ascii = "paper";
		}
		if (ascii.length() > 150) {
			ascii = ascii.substring(0, 150).strip();
		}
		return ascii + ".pdf";
	}

}
