package dev.thoth.api.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.api.web.DiscoveryOrigins;
import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.ReprocessRequest;
import dev.thoth.clients.api.UploadBatch;
import dev.thoth.clients.api.WorkspaceImport;
import dev.thoth.domain.jobs.IngestJobs;
import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.workspace.SafeFileNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The library, write side for the pipeline: a PDF uploaded into the inbox the PDF monitor
 * watches, and a paper re-processed from one stage. Both answer at once with the job; its
 * progress is at {@code /api/v1/jobs/{id}} and {@code /api/v1/events}.
 */
@RestController
@RequestMapping("/api/v1/papers")
class PaperUploadsController {

	private static final Log log = LogFactory.getLog(PaperUploadsController.class);

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	/** Files one upload request may carry. */
	static final int MAX_FILES = 100;

	private final UploadInbox inbox;

	private final IngestJobs jobs;

	private final PaperRepository papers;

	private final UploadProperties properties;

	private final DiscoveryOrigins origins;

	private final WorkspaceFiles workspaceFiles;

	PaperUploadsController(UploadInbox inbox, IngestJobs jobs, PaperRepository papers, UploadProperties properties,
			DiscoveryOrigins origins, WorkspaceFiles workspaceFiles) {
		this.workspaceFiles = workspaceFiles;
		this.inbox = inbox;
		this.jobs = jobs;
		this.papers = papers;
		this.properties = properties;
		this.origins = origins;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Upload one or more PDFs to ingest",
			description = "Each multipart field 'file' holds a PDF (up to " + MAX_FILES + " in one request, "
					+ "THOTH_UPLOAD_MAX_SIZE each and in all). A PDF joins the same pipeline as a file dropped "
					+ "into the inbox; the answer names its job at once. The same content as a job still queued "
					+ "or running answers with that job; content already in the library names its paper. "
					+ "With one file the answer is that file's (202, or its problem); with several, 207 "
					+ "lists each file's outcome in the order sent, and a refused file does not stop the others. "
					+ "The optional part 'origin' (JSON: resultId, queryId, sources, ids) says which discovery "
					+ "result the PDFs were downloaded for: it is recorded on their jobs and carried to the papers.")
	@ApiResponse(responseCode = "202", description = "Queued (or already queued)")
	@ApiResponse(responseCode = "207", description = "Several files: each one's job or problem",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = UploadBatch.class)))
	@ApiResponse(responseCode = "400",
			description = "No 'file' part, an empty file, too many files, or an invalid 'origin' (the field is named)",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "Larger than THOTH_UPLOAD_MAX_SIZE; nothing is stored",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not a PDF, whatever its name or declared type; nothing is stored",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "507",
			description = "The server could not store the upload (a full disk); nothing is kept, try again later",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<?> upload(@RequestPart("file") List<MultipartFile> files,
			@RequestPart(name = "origin", required = false) String originPart) throws IOException {
		// Checked before any file is read: a bad origin stores nothing.
		String originJson = this.origins.toJson(this.origins.fromPart(originPart));
		if (files.size() > MAX_FILES) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"file: at most " + MAX_FILES + " files in one upload, not " + files.size() + ".");
		}
		if (files.size() == 1) {
			return accepted(receive(files.getFirst(), originJson));
		}
		List<UploadBatch.Item> items = new ArrayList<>();
		for (MultipartFile file : files) {
			String name = SafeFileNames.readable(file.getOriginalFilename(), "upload.pdf");
			try {
				items.add(new UploadBatch.Item(name, HttpStatus.ACCEPTED.value(), receive(file, originJson), null));
			}
			catch (ResponseStatusException ex) {
				ProblemDetail problem = ex.getBody();
				problem.setTitle(HttpStatus.valueOf(ex.getStatusCode().value()).getReasonPhrase());
				items.add(new UploadBatch.Item(name, ex.getStatusCode().value(), null, problem));
			}
		}
		return ResponseEntity.status(HttpStatus.MULTI_STATUS).body(new UploadBatch(items));
	}

	@PostMapping(path = "/imports", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Ingest a PDF that is already in the workspace",
			description = "path is relative to the workspace folder (THOTH_WORKSPACE_DIR), e.g. incoming/paper.pdf. "
					+ "The file is copied into the inbox as an upload would be (the original stays), and its job "
					+ "queued. Only .pdf files inside the workspace, reached without leaving it (no '..', no absolute "
					+ "path, no link pointing outside), and not hidden.")
	@ApiResponse(responseCode = "202", description = "Queued (or already queued)")
	@ApiResponse(responseCode = "400",
			description = "The path is not a workspace-relative path to a .pdf file, or the file is empty",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such file in the workspace",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "Larger than THOTH_UPLOAD_MAX_SIZE",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not a PDF, whatever its name",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<JobAccepted> importFromWorkspace(@Valid @RequestBody WorkspaceImport request) throws IOException {
		Path file = this.workspaceFiles.pdf(request.path());
		try (InputStream body = Files.newInputStream(file)) {
			return accepted(receive(body, SafeFileNames.readable(file.getFileName().toString(), "import.pdf"), null));
		}
	}

	/** One file into the inbox and the queue, or the problem that kept it out. */
	private JobAccepted receive(MultipartFile file, String originJson) throws IOException {
		try (InputStream body = file.getInputStream()) {
			return receive(body, SafeFileNames.readable(file.getOriginalFilename(), "upload.pdf"), originJson);
		}
	}

	private JobAccepted receive(InputStream body, String name, String originJson) throws IOException {
		UploadInbox.Received received;
		try {
			received = this.inbox.receive(body, this.properties.maxSize().toBytes());
		}
		catch (UploadInbox.EmptyFileException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The file is empty (0 bytes): nothing to ingest.");
		}
		catch (UploadInbox.NotAPdfException ex) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"The file is not a PDF: " + ex.getMessage() + ".");
		}
		catch (UploadInbox.TooLargeException ex) {
			throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
					"The file is larger than the upload limit of " + this.properties.maxSize() + ".");
		}
		catch (IOException ex) {
			// The body is already local (the container's copy, or a workspace file): a
			// failure here is the inbox's disk, not the client's file.
			log.error("Upload " + name + " could not be written to the inbox (a full disk?): " + ex);
			throw new ResponseStatusException(HttpStatus.INSUFFICIENT_STORAGE,
					"The server could not store the upload (writing it to the inbox failed, e.g. a full disk); "
							+ "nothing was kept. Try again once the operator has freed space.");
		}
		try {
			Optional<IngestJobs.ActiveJob> active = this.jobs.active(received.sha256());
			if (active.isPresent()) {
				// Its job already has a copy of these bytes: this one is not needed.
				if (originJson != null) {
					this.jobs.attachOrigin(active.get().id(), originJson);
				}
				return jobAccepted(active.get(), received.sha256());
			}
			Path kept = this.inbox.keep(received, name);
			IngestJobs.ActiveJob job;
			try {
				job = this.jobs.enqueueOrFind(received.sha256(), kept.toString(), name, originJson);
			}
			catch (RuntimeException ex) {
				// Unqueued, the client is told it failed: nothing may stay behind.
				Files.deleteIfExists(kept);
				throw ex;
			}
			if (!job.created() && !kept.toString().equals(job.sourcePath())) {
				Files.deleteIfExists(kept);
			}
			log.info("Upload " + name + " (" + received.size() + " bytes) is job " + job.id());
			return jobAccepted(job, received.sha256());
		}
		finally {
			this.inbox.discard(received);
		}
	}

	@PostMapping(path = "/{id}/reprocess", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Re-process a paper from one stage",
			description = "Runs the pipeline again on the paper's stored PDF from fromStage on, with every later "
					+ "stage: metadata (everything, the default), references, graph, analysis, note or chunks. "
					+ "The file stays where it is, the paper keeps its id, corrections made through PATCH are "
					+ "applied again, the note is rewritten in place and the chunks are replaced.")
	@ApiResponse(responseCode = "202", description = "Queued (or the same re-processing already queued)")
	@ApiResponse(responseCode = "400", description = "fromStage is not a stage to start from",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such paper",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "The paper's stored PDF is missing, or another job is processing the same content",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<JobAccepted> reprocess(@PathVariable UUID id,
			@Valid @RequestBody(required = false) ReprocessRequest request) {
		Paper paper = this.papers.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + id));
		ReprocessStage from = Optional.ofNullable(request)
			.map(ReprocessRequest::fromStage)
			.flatMap(ReprocessStage::of)
			.orElse(ReprocessStage.METADATA);
		if (paper.getFilePath() == null || !Files.isRegularFile(Path.of(paper.getFilePath()))) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Paper " + id + " has no stored PDF in the workspace to re-process.");
		}
		IngestJobs.ActiveJob job = this.jobs.reprocessOrFind(paper.getId(), paper.getContentSha256(),
				paper.getFilePath(), paper.getOriginalFilename(), from);
		if (!job.created() && !(paper.getId().equals(job.paperId()) && from.stage().equals(job.reprocessFrom()))) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Paper " + id
					+ " is being processed by job " + job.id() + "; re-process it once that job has ended.");
			problem.setProperty("jobId", job.id());
			throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
		}
		return accepted(jobAccepted(job, paper.getContentSha256()));
	}

	private JobAccepted jobAccepted(IngestJobs.ActiveJob job, String sha256) {
		UUID paperId = (job.paperId() != null) ? job.paperId()
				: this.papers.findByContentSha256(sha256).map(Paper::getId).orElse(null);
		return new JobAccepted(job.id(), job.status(), sha256, paperId, JobAccepted.Links.of(job.id()));
	}

	private static ResponseEntity<JobAccepted> accepted(JobAccepted accepted) {
		return ResponseEntity.accepted().location(URI.create(accepted.links().job())).body(accepted);
	}

}
