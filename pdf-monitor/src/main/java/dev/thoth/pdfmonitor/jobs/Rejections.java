package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;

import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.Quarantine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * What a PDF that cannot be read does to its job: a new file goes to quarantine with its
 * reason; the library's stored copy (re-processing, resuming) stays where it is and the
 * job fails.
 */
@Component
class Rejections {

	private static final Log log = LogFactory.getLog(Rejections.class);

	private final Quarantine quarantine;

	Rejections(Quarantine quarantine) {
		this.quarantine = quarantine;
	}

	StageResult reject(IngestJob job, Inspection.Rejected rejected) throws IOException {
		String explanation = rejected.explanation();
		job.closeDocument();
		if (job.libraryCopy()) {
			return StageResult.endJob("REJECTED", explanation, "FAILED", job.paper().getId(),
					"the stored PDF can no longer be read: " + explanation);
		}
		this.quarantine.hold(job.file(), job.claimed().originalFilename(), rejected.reason().code(), explanation);
		log.info("Quarantined " + job.claimed().originalFilename() + ": " + explanation);
		return StageResult.endJob("REJECTED", explanation, "QUARANTINED", null, explanation);
	}

}
