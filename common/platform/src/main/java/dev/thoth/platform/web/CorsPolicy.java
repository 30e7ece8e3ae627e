package dev.thoth.platform.web;

import java.util.Optional;

import dev.thoth.platform.config.ThothProperties;

import org.springframework.web.cors.CorsConfiguration;

/** Browser access from the origins in THOTH_CORS_ORIGINS; none when it is empty. */
public final class CorsPolicy {

	private CorsPolicy() {
	}

	public static Optional<CorsConfiguration> of(ThothProperties properties) {
		if (properties.cors().origins().isEmpty()) {
			return Optional.empty();
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(properties.cors().origins());
		configuration.addAllowedMethod("*");
		configuration.addAllowedHeader("*");
		configuration.addExposedHeader(RequestIds.HEADER);
		configuration.setMaxAge(3600L);
		return Optional.of(configuration);
	}

}
