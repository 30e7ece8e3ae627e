package dev.thoth.pdfmonitor.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.thoth.pdfmonitor.pages.PageStore;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.ChunkWriter;
import dev.thoth.vectorstore.Chunker;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.PageText;

import org.springframework.stereotype.Component;

/**
 * The body text in section-aware passages, embedded in process, replacing the paper's
 * passages in the vector store; the page texts are replaced with them.
 */
@Component
class ChunksStage implements Stage {

	private final Chunker chunker;

	private final Embedder embedder;

	private final ChunkWriter vectors;

	private final PageStore pages;

	ChunksStage(Chunker chunker, Embedder embedder, ChunkWriter vectors, PageStore pages) {
		this.chunker = chunker;
		this.embedder = embedder;
		this.vectors = vectors;
		this.pages = pages;
	}

	@Override
	public String name() {
		return "chunks";
	}

	@Override
	public StageResult run(IngestJob job) {
		UUID paper = job.paper().getId();
		// The body: running headers and page numbers are no passages.
		List<Chunk> chunks = this.chunker.chunk(paper,
				job.text().body().stream().map((page) -> new PageText(page.number(), page.text())).toList());
		List<float[]> embeddings = this.embedder.embed(chunks.stream().map(Chunk::text).toList());
		List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			embedded.add(new EmbeddedChunk(chunks.get(i), embeddings.get(i)));
		}
		this.vectors.replace(paper, embedded);
		// The page texts go with the chunks: any re-processing writes both again.
		this.pages.replace(paper, job.text().pages());
		return StageResult.done();
	}

}
