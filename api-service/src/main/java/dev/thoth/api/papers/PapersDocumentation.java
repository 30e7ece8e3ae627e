package dev.thoth.api.papers;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What annotations cannot say about the papers endpoints in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class PapersDocumentation {

	/** The latest year a correction accepts moves with the calendar. */
	@Bean
	OpenApiCustomizer correctionYearLimit() {
		return (openApi) -> {
			if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
				return;
			}
			Schema<?> correction = openApi.getComponents().getSchemas().get(PaperCorrectionDocument.SCHEMA);
			if (correction != null && correction.getProperties() != null
					&& correction.getProperties().get("year") != null) {
				correction.getProperties().get("year").setMaximum(BigDecimal.valueOf(CorrectionRequest.maxYear()));
			}
		};
	}

}
