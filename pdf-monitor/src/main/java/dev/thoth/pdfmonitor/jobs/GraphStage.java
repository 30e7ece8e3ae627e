package dev.thoth.pdfmonitor.jobs;

import dev.thoth.domain.papers.CitationResolver;

import org.springframework.stereotype.Component;

/**
 * The paper's references resolved to library papers, and the library's references to it:
 * the papers citing it are kept for the note stage, whose notes gain a link.
 */
@Component
class GraphStage implements Stage {

	private final CitationResolver citations;

	GraphStage(CitationResolver citations) {
		this.citations = citations;
	}

	@Override
	public String name() {
		return "graph";
	}

	@Override
	public StageResult run(IngestJob job) {
		job.citing().addAll(this.citations.resolve(job.paper()));
		return StageResult.done();
	}

}
