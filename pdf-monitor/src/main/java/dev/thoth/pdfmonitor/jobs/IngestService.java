package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.CitationResolver;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.domain.workspace.SafeFileNames;
import dev.thoth.pdfmonitor.analysis.Analysis;
import dev.thoth.pdfmonitor.analysis.AnalysisStore;
import dev.thoth.pdfmonitor.analysis.PaperAnalyzer;
import dev.thoth.pdfmonitor.corrections.UserCorrections;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.extraction.ParsedReferences;
import dev.thoth.pdfmonitor.extraction.Reference;
import dev.thoth.pdfmonitor.extraction.ReferenceParser;
import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.PdfInspector;
import dev.thoth.pdfmonitor.inspection.Quarantine;
import dev.thoth.pdfmonitor.lookup.MetadataLookup;
import dev.thoth.pdfmonitor.lookup.ReferenceLookup;
import dev.thoth.pdfmonitor.notes.NoteService;
import dev.thoth.pdfmonitor.pages.PageStore;
import dev.thoth.pdfmonitor.workspace.Workspace;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Chunker;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.ChunkWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One job, start to end. Stages: inspect (bad files to quarantine), text and metadata
 * (from the page layout), lookup (CrossRef, when online lookups are on), references
 * (checked and completed online, when lookups are on), file (under {@code papers/}, named
 * from the metadata), graph (references resolved both ways), analysis (model or offline),
 * note, chunks (section-aware, embedded in process, into the vector store). Each stage is
 * recorded with its status, timing and error; only the lookup and the analysis may fail
 * without failing the job.
 * <p>
 * A re-processing job runs a library paper's stored PDF again from one stage on (see
 * {@link ReprocessStage}): the file stays where it is, the paper keeps its id, its note
 * is rewritten in place and its chunks replaced. Whenever the metadata is written, the
 * user's corrections are laid over it.
 */
@Component
public class IngestService {

	private static final Log log = LogFactory.getLog(IngestService.class);

	private final JobQueue queue;

	private final PdfInspector inspector;

	private final ReferenceParser referenceParser;

	private final Quarantine quarantine;

	private final PaperRepository papers;

	private final PaperReferenceRepository references;

	private final CitationResolver citations;

	private final PaperAnalyzer analyzer;

	private final AnalysisStore analyses;

	private final NoteService notes;

	private final Chunker chunker;

	private final Embedder embedder;

	private final ChunkWriter vectors;

	private final Workspace workspace;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final MetadataLookup lookup;

	private final UserCorrections corrections;

	private final JdbcClient jdbc;

	private final PageStore pages;

	private final ReferenceLookup referenceLookup;

	IngestService(JobQueue queue, PdfInspector inspector, ReferenceParser referenceParser, Quarantine quarantine,
			PaperRepository papers, PaperReferenceRepository references, CitationResolver citations,
			PaperAnalyzer analyzer, AnalysisStore analyses, NoteService notes, Chunker chunker, Embedder embedder,
			ChunkWriter vectors, Workspace workspace, TransactionTemplate transactions, MeterRegistry meters,
			MetadataLookup lookup, UserCorrections corrections, JdbcClient jdbc, PageStore pages,
			ReferenceLookup referenceLookup) {
		this.queue = queue;
		this.inspector = inspector;
		this.referenceParser = referenceParser;
		this.quarantine = quarantine;
		this.papers = papers;
		this.references = references;
		this.citations = citations;
		this.analyzer = analyzer;
		this.analyses = analyses;
		this.notes = notes;
		this.chunker = chunker;
		this.embedder = embedder;
		this.vectors = vectors;
		this.workspace = workspace;
		this.transactions = transactions;
		this.meters = meters;
		this.lookup = lookup;
		this.corrections = corrections;
		this.jdbc = jdbc;
		this.pages = pages;
		this.referenceLookup = referenceLookup;
	}

	/** Processes a claimed job and ends it; an unexpected error is left to the caller. */
	public void process(ClaimedJob job, String owner) throws IOException {
		if (job.reprocessing()) {
			// Never the paths below: they move or delete the job's file.
			reprocess(job, owner);
			return;
		}
		Path source = Path.of(job.sourcePath());
		Instant started = Instant.now();
		// The content's hash decides before anything is read: the same bytes again are
		// the same paper, and nothing is extracted, analysed or written a second time.
		Optional<Paper> known = this.papers.findByContentSha256(job.contentSha256());
		if (known.isPresent() && unfinished(known.get())) {
			// An earlier attempt filed the paper and then failed: finish it from the
			// stored copy, which has these bytes.
			Files.deleteIfExists(source);
			resume(job, owner, known.get(), started);
			return;
		}
		if (known.isPresent()) {
			endAsDuplicate(job, owner, source, known.get(), started);
			return;
		}
		if (!Files.isRegularFile(source)) {
			String error = "the file left the inbox before it was processed";
			this.queue.recordStage(job.id(), "inspect", "SKIPPED", started, Instant.now(), "file already gone");
			this.queue.finish(job.id(), owner, "FAILED", null, error);
			return;
		}
		Inspection inspection = this.inspector.inspect(source);
		if (inspection instanceof Inspection.Rejected rejected) {
			this.quarantine.hold(source, job.originalFilename(), rejected.reason().code(), rejected.explanation());
			this.queue.recordStage(job.id(), "inspect", "REJECTED", started, Instant.now(), rejected.explanation());
			this.queue.finish(job.id(), owner, "QUARANTINED", null, rejected.explanation());
			log.info("Quarantined " + job.originalFilename() + ": " + rejected.explanation());
			return;
		}
		Inspection.Readable readable = (Inspection.Readable) inspection;
		this.queue.recordStage(job.id(), "inspect", "DONE", started, Instant.now(), null);
		recordTimed(job, "text", readable.textTime(), readable.textNote());
		recordTimed(job, "metadata", readable.metadataTime(), null);

		Instant lookingUp = Instant.now();
		MetadataLookup.Result lookedUp = this.lookup.lookUp(readable.metadata());
		this.queue.recordStage(job.id(), "lookup", lookedUp.status(), lookingUp, Instant.now(), lookedUp.message());

		Instant parsing = Instant.now();
		ParsedReferences parsed = this.referenceLookup.complete(this.referenceParser.parse(readable.text()));
		recordDone(job, "references", parsing);

		Instant filing = Instant.now();
		Paper paper = fileNewPaper(job, source, readable, lookedUp.metadata(), parsed);
		recordDone(job, "file", filing);
		complete(job, owner, paper, readable, ReprocessStage.METADATA);
	}

	/**
	 * Content the library holds already: the job ends at its first stage, naming the
	 * paper. The library keeps these exact bytes, so the inbox copy is redundant and
	 * goes; should the library's own copy be missing, this one takes its place.
	 */
	private void endAsDuplicate(ClaimedJob job, String owner, Path source, Paper paper, Instant started)
			throws IOException {
		String message = "already in the library as paper " + paper.getId();
		Path stored = (paper.getFilePath() != null) ? Path.of(paper.getFilePath()) : null;
		if (Files.isRegularFile(source)) {
			if (stored != null && !Files.exists(stored) && Files.isDirectory(stored.getParent())) {
				Files.move(source, stored);
				message += "; its missing stored PDF was restored from this copy";
			}
			else {
				Files.delete(source);
			}
		}
		this.queue.recordStage(job.id(), "inspect", "DUPLICATE", started, Instant.now(), message);
		this.queue.finish(job.id(), owner, "DONE", paper.getId(), null);
		this.meters.counter("thoth.pdf.duplicates").increment();
		log.info(job.originalFilename() + " is " + message);
	}

	private static boolean unfinished(Paper paper) {
		return paper.getStatus() != PaperStatus.READY && paper.getFilePath() != null
				&& Files.isRegularFile(Path.of(paper.getFilePath()));
	}

	private void resume(ClaimedJob job, String owner, Paper paper, Instant started) throws IOException {
		Inspection inspection = this.inspector.inspect(Path.of(paper.getFilePath()));
		if (!(inspection instanceof Inspection.Readable readable)) {
			throw new IOException("the stored copy " + paper.getFilePath() + " can no longer be read");
		}
		this.queue.recordStage(job.id(), "inspect", "RESUMED", started, Instant.now(), null);
		complete(job, owner, paper, readable, ReprocessStage.METADATA);
	}

	/**
	 * Runs a library paper's stored PDF again from the job's stage on. The file is only
	 * read: a PDF that can no longer be read fails the job and stays where it is.
	 */
	private void reprocess(ClaimedJob job, String owner) throws IOException {
		Instant started = Instant.now();
		ReprocessStage from = ReprocessStage.of(job.reprocessFrom()).orElse(ReprocessStage.METADATA);
		Optional<Paper> found = (job.paperId() != null) ? this.papers.findById(job.paperId()) : Optional.empty();
		if (found.isEmpty()) {
			String error = "the paper to re-process is no longer in the library";
			this.queue.recordStage(job.id(), "inspect", "SKIPPED", started, Instant.now(), error);
			this.queue.finish(job.id(), owner, "FAILED", null, error);
			return;
		}
		Paper paper = found.get();
		Path stored = (paper.getFilePath() != null) ? Path.of(paper.getFilePath()) : null;
		if (stored == null || !Files.isRegularFile(stored)) {
			String error = "the stored PDF of the paper is missing (" + paper.getFilePath() + ")";
			this.queue.recordStage(job.id(), "inspect", "FAILED", started, Instant.now(), error);
			this.queue.finish(job.id(), owner, "FAILED", paper.getId(), error);
			return;
		}
		Inspection inspection = this.inspector.inspect(stored);
		if (inspection instanceof Inspection.Rejected rejected) {
			this.queue.recordStage(job.id(), "inspect", "REJECTED", started, Instant.now(), rejected.explanation());
			this.queue.finish(job.id(), owner, "FAILED", paper.getId(),
					"the stored PDF can no longer be read: " + rejected.explanation());
			return;
		}
		Inspection.Readable readable = (Inspection.Readable) inspection;
		this.queue.recordStage(job.id(), "inspect", "DONE", started, Instant.now(), null);
		recordTimed(job, "text", readable.textTime(), readable.textNote());

		ExtractedMetadata metadata = null;
		if (from.runs(ReprocessStage.METADATA)) {
			recordTimed(job, "metadata", readable.metadataTime(), null);
			// Corrected before the lookup too: a DOI the user fixed finds the right
			// record.
			ExtractedMetadata printed = this.corrections.applyTo(paper.getId(), readable.metadata());
			Instant lookingUp = Instant.now();
			MetadataLookup.Result lookedUp = this.lookup.lookUp(printed);
			this.queue.recordStage(job.id(), "lookup", lookedUp.status(), lookingUp, Instant.now(), lookedUp.message());
			metadata = this.corrections.applyTo(paper.getId(), lookedUp.metadata());
		}
		ParsedReferences parsed = null;
		if (from.runs(ReprocessStage.REFERENCES)) {
			Instant parsing = Instant.now();
			parsed = this.referenceLookup.complete(this.referenceParser.parse(readable.text()));
			recordDone(job, "references", parsing);
			Instant now = Instant.now();
			this.queue.recordStage(job.id(), "file", "SKIPPED", now, now,
					"re-processing keeps the stored file " + stored.getFileName());
		}
		ExtractedMetadata newMetadata = metadata;
		ParsedReferences newReferences = parsed;
		Paper updated = this.transactions.execute((status) -> {
			Paper current = this.papers.findById(paper.getId()).orElseThrow();
			if (newMetadata != null) {
				writeMetadata(current, newMetadata);
			}
			current.setPageCount(readable.pageCount());
			Paper saved = this.papers.save(current);
			if (newReferences != null) {
				// Deleted at once, before the new entries are flushed in their place.
				this.jdbc.sql("delete from paper_references where paper_id = :paper")
					.param("paper", saved.getId())
					.update();
				this.references.saveAll(referenceEntries(saved.getId(), newReferences));
			}
			return saved;
		});
		complete(job, owner, updated, readable, from);
	}

	/**
	 * The stages after filing that {@code from} runs (graph, analysis, note; the chunks
	 * always), and the paper is ready.
	 */
	private void complete(ClaimedJob job, String owner, Paper paper, Inspection.Readable readable, ReprocessStage from)
			throws IOException {
		Set<UUID> citing = new LinkedHashSet<>();
		if (from.runs(ReprocessStage.GRAPH)) {
			Instant linking = Instant.now();
			citing.addAll(this.citations.resolve(paper));
			recordDone(job, "graph", linking);
		}
		if (from.runs(ReprocessStage.ANALYSIS)) {
			analyse(job, paper, readable);
		}
		if (from.runs(ReprocessStage.NOTE)) {
			Instant writing = Instant.now();
			Path note = this.notes.write(paper.getId());
			if (paper.getNotePath() != null && !note.toString().equals(paper.getNotePath())) {
				// Renamed with a new title: the notes that link to it follow.
				citing.addAll(this.notes.citing(paper.getId()));
			}
			for (UUID citingPaper : citing) {
				// Their notes gain (or follow) a link to this paper.
				this.notes.write(citingPaper);
			}
			recordDone(job, "note", writing);
		}

		Instant chunking = Instant.now();
		// The body: running headers and page numbers are no passages.
		List<Chunk> chunks = this.chunker.chunk(paper.getId(),
				readable.text()
					.body()
					.stream()
					.map((page) -> new dev.thoth.vectorstore.PageText(page.number(), page.text()))
					.toList());
		List<float[]> vectors = this.embedder.embed(chunks.stream().map(Chunk::text).toList());
		List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			embedded.add(new EmbeddedChunk(chunks.get(i), vectors.get(i)));
		}
		this.vectors.replace(paper.getId(), embedded);
		// The page texts go with the chunks: any re-processing writes both again.
		this.pages.replace(paper.getId(), readable.text().pages());
		recordDone(job, "chunks", chunking);

		this.transactions.executeWithoutResult((status) -> this.papers.findById(paper.getId()).ifPresent((stored) -> {
			stored.setStatus(PaperStatus.READY);
			this.papers.save(stored);
		}));
		this.queue.finish(job.id(), owner, "DONE", paper.getId(), null);
		this.meters.counter("thoth.pdf.papers.processed").increment();
		log.info((job.reprocessing() ? "Re-processed " : "Ingested ") + job.originalFilename() + " as paper "
				+ paper.getId() + " (" + paper.getTitle() + ")");
	}

	private void analyse(ClaimedJob job, Paper paper, Inspection.Readable readable) {
		Instant analysing = Instant.now();
		try {
			Analysis analysis = this.analyzer.analyze(paper.getTitle(), paper.getAbstractText(),
					readable.text().bodyText(), paper.getKeywords());
			this.analyses.save(paper.getId(), analysis);
			recordDone(job, "analysis", analysing);
		}
		catch (RuntimeException ex) {
			// A model that times out or answers nonsense fails this stage only.
			this.queue.recordStage(job.id(), "analysis", "FAILED", analysing, Instant.now(), ex.getMessage());
			this.meters.counter("thoth.pdf.failures", "stage", "analysis", "reason", ex.getClass().getSimpleName())
				.increment();
			log.warn("Analysis of " + job.originalFilename() + " failed: " + ex.getMessage());
		}
	}

	private Paper fileNewPaper(ClaimedJob job, Path source, Inspection.Readable readable, ExtractedMetadata metadata,
			ParsedReferences parsed) throws IOException {
		String name = (job.originalFilename() != null) ? job.originalFilename() : source.getFileName().toString();
		Path stored = SafeFileNames.moveWithoutOverwriting(source, this.workspace.papers(), storedName(metadata, name),
				".pdf");
		try {
			return this.transactions.execute((status) -> {
				Paper paper = new Paper(job.contentSha256());
				writeMetadata(paper, this.corrections.applyTo(paper.getId(), metadata));
				paper.setPageCount(readable.pageCount());
				paper.setOriginalFilename(name);
				paper.setFilePath(stored.toString());
				paper.setStatus(PaperStatus.PROCESSING);
				Paper saved = this.papers.save(paper);
				this.references.saveAll(referenceEntries(saved.getId(), parsed));
				return saved;
			});
		}
		catch (RuntimeException ex) {
			// Without its row the stored file would be orphaned: put it back for the next
			// try.
			Files.move(stored, source);
			throw ex;
		}
	}

	/** The paper's metadata and where each field came from, replacing what it had. */
	private static void writeMetadata(Paper paper, ExtractedMetadata metadata) {
		paper.describe(metadata.title(), metadata.authors(), metadata.year());
		paper.setDoi(metadata.doi());
		paper.setArxivId(metadata.arxivId());
		paper.setVenue(metadata.venue());
		paper.setAbstractText(metadata.abstractText());
		paper.setKeywords(metadata.keywords());
		paper.clearSources();
		metadata.sources().forEach(paper::recordSource);
	}

	private static List<PaperReference> referenceEntries(UUID paperId, ParsedReferences parsed) {
		Map<Integer, List<Integer>> citedOn = parsed.pagesCitingEachEntry();
		List<PaperReference> entries = new ArrayList<>();
		for (Reference reference : parsed.references()) {
			PaperReference entry = new PaperReference(paperId, reference.position(), reference.raw());
			entry.describe(reference.title(), reference.authors(), reference.year(), reference.venue(), reference.doi(),
					reference.arxivId());
			entry.setCitedOnPages(citedOn.getOrDefault(reference.position(), List.of()));
			reference.sources().forEach(entry::recordSource);
			entries.add(entry);
		}
		return entries;
	}

	/** "Surname Year Title", so the papers folder reads like a bibliography. */
	private static String storedName(ExtractedMetadata metadata, String originalName) {
		if (metadata.title() == null || metadata.title().isBlank()) {
			return SafeFileNames.withoutPdfExtension(originalName);
		}
		StringBuilder name = new StringBuilder();
		if (!metadata.authors().isEmpty()) {
			String first = metadata.authors().getFirst().strip();
			name.append(first.substring(first.lastIndexOf(' ') + 1)).append(' ');
		}
		if (metadata.year() != null) {
			name.append(metadata.year()).append(' ');
		}
		return name.append(metadata.title()).toString();
	}

	private void recordDone(ClaimedJob job, String stage, Instant started) {
		Instant finished = Instant.now();
		this.queue.recordStage(job.id(), stage, "DONE", started, finished, null);
		this.meters.timer("thoth.pdf.stage.duration", "stage", stage).record(Duration.between(started, finished));
	}

	private void recordTimed(ClaimedJob job, String stage, Duration took, String note) {
		Instant finished = Instant.now();
		this.queue.recordStage(job.id(), stage, "DONE", finished.minus(took), finished, note);
		this.meters.timer("thoth.pdf.stage.duration", "stage", stage).record(took);
	}

}
