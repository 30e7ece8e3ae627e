package dev.thoth.pdfmonitor.jobs;

import dev.thoth.pdfmonitor.extraction.ReferenceParser;

import org.springframework.stereotype.Component;

/** The reference list, split into entries and parsed, with the pages citing each. */
@Component
class ReferencesStage implements Stage {

	private final ReferenceParser parser;

	ReferencesStage(ReferenceParser parser) {
		this.parser = parser;
	}

	@Override
	public String name() {
		return "references";
	}

	@Override
	public StageResult run(IngestJob job) {
		job.references(this.parser.parse(job.text()));
		return StageResult.done();
	}

}
