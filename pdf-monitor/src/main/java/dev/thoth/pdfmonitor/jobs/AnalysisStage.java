package dev.thoth.pdfmonitor.jobs;

import dev.thoth.domain.papers.Paper;
import dev.thoth.pdfmonitor.analysis.Analysis;
import dev.thoth.pdfmonitor.analysis.AnalysisStore;
import dev.thoth.pdfmonitor.analysis.PaperAnalyzer;

import org.springframework.stereotype.Component;

/**
 * The paper's analysis, from the model or the offline analyzer, stored for the note and
 * the API.
 */
@Component
class AnalysisStage implements Stage {

	private final PaperAnalyzer analyzer;

	private final AnalysisStore analyses;

	AnalysisStage(PaperAnalyzer analyzer, AnalysisStore analyses) {
		this.analyzer = analyzer;
		this.analyses = analyses;
	}

	@Override
	public String name() {
		return "analysis";
	}

	@Override
	public StageResult run(IngestJob job) {
		Paper paper = job.paper();
		Analysis analysis = this.analyzer.analyze(paper.getTitle(), paper.getAbstractText(), job.text().bodyText(),
				paper.getKeywords());
		this.analyses.save(paper.getId(), analysis);
		return StageResult.done();
	}

}
