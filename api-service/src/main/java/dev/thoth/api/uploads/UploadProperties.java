package dev.thoth.api.uploads;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Uploads through the API.
 *
 * @param maxSize the largest PDF accepted (THOTH_UPLOAD_MAX_SIZE); the PDF monitor's own
 * limit (THOTH_PDF_MAX_FILE_SIZE) has the same default, so an accepted upload is not then
 * quarantined for its size
 */
@Validated
@ConfigurationProperties("thoth.uploads")
record UploadProperties(@NotNull @DefaultValue("200MB") DataSize maxSize) {
}
