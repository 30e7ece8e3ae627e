package dev.thoth.pdfmonitor.inspection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.thoth.domain.workspace.SafeFileNames;
import dev.thoth.pdfmonitor.workspace.Workspace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Moves a bad file out of the inbox, bytes untouched, next to a {@code .reason.txt} that
 * says what is wrong with it. Nothing is ever deleted.
 */
@Component
public class Quarantine {

	/** A job that kept failing after its last attempt (not a property of the file). */
	public static final String PROCESSING_FAILED = "processing_failed";

	private final Workspace workspace;

	private final MeterRegistry meters;

	Quarantine(Workspace workspace, MeterRegistry meters) {
		this.workspace = workspace;
		this.meters = meters;
		// Every reason's series exists from the start at 0, so that the first file
		// quarantined with it counts as an increase (Prometheus' increase() cannot see
		// the step of a series that appears already at 1).
		for (QuarantineReason reason : QuarantineReason.values()) {
			quarantined(reason.code());
		}
		quarantined(PROCESSING_FAILED);
	}

	public Path hold(Path file, String originalName, String reasonCode, String explanation) throws IOException {
		String name = (originalName != null) ? originalName : file.getFileName().toString();
		Path held = SafeFileNames.moveWithoutOverwriting(file, this.workspace.quarantine(),
				SafeFileNames.withoutPdfExtension(name), ".pdf");
		String reason = "file: " + name + System.lineSeparator() + "reason: " + reasonCode + System.lineSeparator()
				+ "detail: " + explanation + System.lineSeparator() + "quarantined-at: " + Instant.now()
				+ System.lineSeparator();
		Files.writeString(held.resolveSibling(held.getFileName() + ".reason.txt"), reason, StandardCharsets.UTF_8);
		quarantined(reasonCode).increment();
		return held;
	}

	private Counter quarantined(String reasonCode) {
		return this.meters.counter("thoth.pdf.quarantined", "reason", reasonCode);
	}

}
