package dev.thoth.pdfmonitor.lookup;

import java.time.Duration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Online metadata lookups. Off by default, so that a local run never leaves the machine.
 *
 * @param enabled whether papers are looked up at all ({@code THOTH_ONLINE_LOOKUPS})
 * @param crossrefUrl the CrossRef REST API ({@code THOTH_CROSSREF_URL})
 * @param mailto a contact address sent in the User-Agent, which puts the calls in
 * CrossRef's "polite pool" ({@code THOTH_CROSSREF_MAILTO}); blank for none
 * @param connectTimeout how long a connection to CrossRef may take
 * @param readTimeout how long CrossRef may take to answer one request
 */
@Validated
@ConfigurationProperties("thoth.pdf-monitor.lookup")
public record LookupProperties(@DefaultValue("false") boolean enabled,
		@NotBlank @Pattern(regexp = "https?://\\S+",
				message = "must be an http or https URL") @DefaultValue("https://api.crossref.org") String crossrefUrl,
		@Email String mailto, @NotNull @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DefaultValue("10s") Duration readTimeout) {

	/** The contact address, or null when none is configured. */
	String contact() {
		return (this.mailto == null || this.mailto.isBlank()) ? null : this.mailto.strip();
	}

}
