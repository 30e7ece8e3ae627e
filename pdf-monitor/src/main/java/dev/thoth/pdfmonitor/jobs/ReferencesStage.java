package dev.thoth.pdfmonitor.jobs;

import dev.thoth.pdfmonitor.extraction.ReferenceParser;
import dev.thoth.pdfmonitor.lookup.ReferenceLookup;

import org.springframework.stereotype.Component;

/**
 * The reference list, split into entries and parsed, with the pages citing each; when
 * online lookups are on, checked and completed from CrossRef and OpenAlex.
 */
@Component
class ReferencesStage implements Stage {

	private final ReferenceParser parser;

	private final ReferenceLookup lookup;

	ReferencesStage(ReferenceParser parser, ReferenceLookup lookup) {
		this.parser = parser;
		this.lookup = lookup;
	}

	@Override
	public String name() {
		return "references";
	}

	@Override
	public StageResult run(IngestJob job) {
		job.references(this.lookup.complete(this.parser.parse(job.text())));
		return StageResult.done();
	}

}
