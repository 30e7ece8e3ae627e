package dev.thoth.pdfmonitor;

import java.time.Duration;

import dev.thoth.domain.papers.CitationResolver;
import dev.thoth.pdfmonitor.analysis.LlmAnalyzer;
import dev.thoth.pdfmonitor.analysis.OfflineAnalyzer;
import dev.thoth.pdfmonitor.analysis.PaperAnalyzer;
import dev.thoth.pdfmonitor.extraction.MetadataExtractor;
import dev.thoth.pdfmonitor.extraction.ReferenceParser;
import dev.thoth.pdfmonitor.extraction.TextExtractor;
import dev.thoth.pdfmonitor.inspection.PdfInspector;
import dev.thoth.pdfmonitor.notes.NoteWriter;
import dev.thoth.pdfmonitor.ocr.Tesseract;
import dev.thoth.pdfmonitor.workspace.Workspace;
import dev.thoth.platform.config.ThothProperties;
import dev.thoth.vectorstore.Chunker;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PdfMonitorProperties.class)
class PdfMonitorConfiguration {

	@Bean
	TextExtractor textExtractor() {
		return new TextExtractor();
	}

	@Bean
	MetadataExtractor metadataExtractor() {
		return new MetadataExtractor();
	}

	@Bean
	ReferenceParser referenceParser() {
		return new ReferenceParser();
	}

	/** Looks for Tesseract once, at start, and logs whether scans can be read. */
	@Bean
	Tesseract tesseract(PdfMonitorProperties properties, MeterRegistry meters) {
		return Tesseract.detect(properties.ocr(), meters);
	}

	@Bean
	PdfInspector pdfInspector(PdfMonitorProperties properties, TextExtractor text, MetadataExtractor metadata,
			Tesseract tesseract) {
		return new PdfInspector(properties.maxFileSize(), text, metadata, tesseract);
	}

	@Bean
	Chunker chunker() {
		return new Chunker();
	}

	@Bean
	CitationResolver citationResolver(JdbcClient jdbc) {
		return new CitationResolver(jdbc);
	}

	@Bean
	NoteWriter noteWriter(Workspace workspace) {
		return new NoteWriter(workspace.notes());
	}

	/**
	 * The model when THOTH_LLM_PROVIDER names one (Spring AI then offers a ChatClient),
	 * else offline.
	 */
	@Bean
	PaperAnalyzer paperAnalyzer(ObjectProvider<ChatClient.Builder> chatClients, ThothProperties thoth,
			PdfMonitorProperties properties) {
		ChatClient.Builder builder = thoth.llm().enabled() ? chatClients.getIfAvailable() : null;
		if (thoth.llm().enabled() && builder == null) {
			// Configured but not available is an error, never a silent fall-back to
			// offline.
			throw new IllegalStateException("THOTH_LLM_PROVIDER=" + thoth.llm().provider()
					+ " is set, but no chat model for it could be configured");
		}
		LlmAnalyzer model = (builder != null)
				? new LlmAnalyzer(builder.build(), thoth.llm().provider() + ":" + thoth.llm().model(),
						properties.analysisAttempts(), properties.analysisTimeout())
				: null;
		return new PaperAnalyzer(model, new OfflineAnalyzer());
	}

}
