package dev.thoth.pdfmonitor;

import dev.thoth.pdfmonitor.inspection.PdfInspector;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PdfMonitorProperties.class)
class PdfMonitorConfiguration {

	@Bean
	PdfInspector pdfInspector(PdfMonitorProperties properties) {
		return new PdfInspector(properties.maxFileSize());
	}

}
