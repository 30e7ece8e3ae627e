package dev.thoth.gateway.bodylimit;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxSize the largest upload the API accepts (THOTH_UPLOAD_MAX_SIZE); a request
 * body may be that plus the multipart framing around it
 */
@Validated
@ConfigurationProperties("thoth.uploads")
record BodyLimitProperties(@NotNull @DefaultValue("200MB") DataSize maxSize) {

	/** Room for the multipart framing around the files, as the API allows. */
	static final DataSize FRAMING = DataSize.ofKilobytes(64);

	long maxBodyBytes() {
		return this.maxSize.toBytes() + FRAMING.toBytes();
	}

}
