package dev.thoth.pdfmonitor;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the monitor watches the inbox and works through it.
 *
 * @param scanInterval how often the inbox is scanned, on top of file-system events
 * @param stableFor how long a file's size and time must stay unchanged before it is taken
 * @param maxFileSize files larger than this are quarantined
 * @param workers jobs processed at once by this replica
 * @param lease how long a claimed job stays this replica's without a renewal
 * @param maxAttempts tries before a failing job is given up
 * @param analysisAttempts tries of the model before the analysis stage fails
 * @param analysisTimeout how long one model call may take
 */
@Validated
@ConfigurationProperties("thoth.pdf-monitor")
public record PdfMonitorProperties(@NotNull @DefaultValue("2s") Duration scanInterval,
		@NotNull @DefaultValue("1s") Duration stableFor, @NotNull @DefaultValue("200MB") DataSize maxFileSize,
		@Min(0) @DefaultValue("2") int workers, @NotNull @DefaultValue("60s") Duration lease,
		@Min(1) @DefaultValue("3") int maxAttempts, @Min(1) @DefaultValue("3") int analysisAttempts,
		@NotNull @DefaultValue("120s") Duration analysisTimeout) {
}
