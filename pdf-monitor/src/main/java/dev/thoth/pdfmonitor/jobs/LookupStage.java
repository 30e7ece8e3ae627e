package dev.thoth.pdfmonitor.jobs;

import dev.thoth.pdfmonitor.lookup.MetadataLookup;

import org.springframework.stereotype.Component;

/**
 * CrossRef, when online lookups are on: fills and checks the printed metadata. Not found,
 * failed or off, the paper keeps its printed metadata.
 */
@Component
class LookupStage implements Stage {

	private final MetadataLookup lookup;

	LookupStage(MetadataLookup lookup) {
		this.lookup = lookup;
	}

	@Override
	public String name() {
		return "lookup";
	}

	@Override
	public StageResult run(IngestJob job) {
		MetadataLookup.Result lookedUp = this.lookup.lookUp(job.metadata());
		job.metadata(lookedUp.metadata());
		return StageResult.of(lookedUp.status(), lookedUp.message());
	}

}
