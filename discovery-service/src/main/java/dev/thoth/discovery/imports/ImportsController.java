package dev.thoth.discovery.imports;

import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.discovery.PaperImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Papers into the library by URL, DOI or arXiv id. */
@RestController
@RequestMapping(path = "/discovery", produces = MediaType.APPLICATION_JSON_VALUE)
class ImportsController {

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final PaperImports imports;

	ImportsController(PaperImports imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Import a paper by URL, DOI or arXiv id",
			description = "Exactly one of url (an https URL of a PDF), doi (resolved to an open-access PDF through "
					+ "CrossRef's PDF link, or arXiv's for an arXiv DOI) or arxivId. The PDF is fetched with the "
					+ "discovery downloads' rules (https only, public addresses only on every redirect, size and time "
					+ "limits, PDF content) and handed to the API's upload; the answer is the ingestion job.")
	@ApiResponse(responseCode = "202", description = "Queued: the API's ingestion job")
	@ApiResponse(responseCode = "400", description = "Not exactly one of url, doi, arxivId, or one malformed",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "CrossRef does not know the DOI",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422",
			description = "Refused: no open-access PDF, retracted, a scheme or address not allowed, not a PDF, too large, "
					+ "or the PDF's server failed",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "CrossRef or the API cannot be reached",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<JobAccepted> importPaper(@RequestBody PaperImport paper) {
		return ResponseEntity.accepted().body(this.imports.importPaper(paper));
	}

}
