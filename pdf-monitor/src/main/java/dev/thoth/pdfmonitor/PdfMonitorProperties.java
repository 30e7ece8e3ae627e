package dev.thoth.pdfmonitor;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

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
 * @param ocr how pages without a text layer are read
 * @param noteSweep how often the replica looks for notes to write again on its own, on
 * top of the change events that wake it
 */
@Validated
@ConfigurationProperties("thoth.pdf-monitor")
public record PdfMonitorProperties(@NotNull @DefaultValue("2s") Duration scanInterval,
		@NotNull @DefaultValue("1s") Duration stableFor, @NotNull @DefaultValue("200MB") DataSize maxFileSize,
		@Min(0) @DefaultValue("2") int workers, @NotNull @DefaultValue("60s") Duration lease,
		@Min(1) @DefaultValue("3") int maxAttempts, @Min(1) @DefaultValue("3") int analysisAttempts,
		@NotNull @DefaultValue("120s") Duration analysisTimeout, @Valid @NotNull @DefaultValue Ocr ocr,
		@NotNull @DefaultValue("30s") Duration noteSweep) {

	/**
	 * OCR of pages without a text layer, with the Tesseract command.
	 *
	 * @param enabled whether to use Tesseract when it is installed
	 * @param command the Tesseract executable, a name on the PATH or a path
	 * @param language Tesseract's language codes, several joined by {@code +}
	 * ({@code eng+deu})
	 * @param dpi the resolution pages are rendered at for recognition
	 * @param pageTimeout how long Tesseract may take for one page before it is killed
	 */
	public record Ocr(@DefaultValue("true") boolean enabled, @NotBlank @DefaultValue("tesseract") String command,
			@Pattern(regexp = "[A-Za-z_]+(\\+[A-Za-z_]+)*",
					message = "must be Tesseract language codes joined by +, such as eng or eng+deu") @DefaultValue("eng") String language,
			@Min(70) @Max(1200) @DefaultValue("300") int dpi, @NotNull @DefaultValue("60s") Duration pageTimeout) {

	}

}
