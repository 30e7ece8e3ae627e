package dev.thoth.api.support;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.vectorstore.Chunk;
import dev.thoth.vectorstore.Chunker;
import dev.thoth.vectorstore.EmbeddedChunk;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.PageText;
import dev.thoth.vectorstore.VectorStore;

/**
 * Puts papers into the library the way the PDF monitor leaves them: a ready paper row and
 * its chunks, embedded by the real model, in the real store.
 */
public final class Library {

	/** Three small papers on unrelated subjects, a page or two each. */
	public static final List<String> SCHEDULING = List.of("""
			Bi-criteria scheduling of moldable jobs on clusters. We study how to schedule parallel jobs whose \
			number of processors can be chosen at launch. The makespan and the weighted completion time are \
			minimised together. Our algorithm batches jobs in geometrically growing intervals.""", """
			Experiments. On a cluster of 128 processors the batch algorithm stays within a factor 1.6 of the \
			lower bound for the makespan, and within 2.1 for the weighted completion time.""");

	public static final List<String> DECISIONS = List.of("""
			Architectural decision records in Markdown. Software architects write down why a design choice was \
			made, which options were considered and what the consequences are. We propose a lightweight \
			template kept next to the code in the version control system.""");

	public static final List<String> DESERT_PLANTS = List.of("""
			Water use of desert succulents. Plants with crassulacean acid metabolism open their stomata at \
			night, when the air is cool, and fix carbon dioxide as malic acid.""", """
			During the day the stomata stay closed and the stored acid releases carbon dioxide for the Calvin \
			cycle, which saves up to ninety percent of the water lost by ordinary leaves.""");

	private final PaperRepository papers;

	private final VectorStore store;

	private final Embedder embedder;

	private final Chunker chunker = new Chunker();

	public Library(PaperRepository papers, VectorStore store, Embedder embedder) {
		this.papers = papers;
		this.store = store;
		this.embedder = embedder;
	}

	public Paper add(String title, List<String> pages) {
		Paper paper = new Paper(HexFormat.of().formatHex(sha256(title + UUID.randomUUID())));
		paper.describe(title, List.of("Ada Lovelace"), 2024);
		paper.setPageCount(pages.size());
		paper.setStatus(PaperStatus.READY);
		Paper saved = this.papers.save(paper);
		List<PageText> texts = new ArrayList<>();
		for (int i = 0; i < pages.size(); i++) {
			texts.add(new PageText(i + 1, pages.get(i)));
		}
		List<Chunk> chunks = this.chunker.chunk(saved.getId(), texts);
		List<float[]> vectors = this.embedder.embed(chunks.stream().map(Chunk::text).toList());
		List<EmbeddedChunk> embedded = new ArrayList<>();
		for (int i = 0; i < chunks.size(); i++) {
			embedded.add(new EmbeddedChunk(chunks.get(i), vectors.get(i)));
		}
		this.store.replace(saved.getId(), embedded);
		return saved;
	}

	private static byte[] sha256(String text) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
