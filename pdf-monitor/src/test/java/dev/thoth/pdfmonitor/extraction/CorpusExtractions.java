package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import dev.thoth.pdfmonitor.Corpus;

/** Runs the extractors once per corpus paper and keeps the results for all tests. */
final class CorpusExtractions {

	record Result(ExtractedText text, ExtractedMetadata metadata, ParsedReferences references) {

	}

	private static final Map<String, Result> RESULTS = new ConcurrentHashMap<>();

	private CorpusExtractions() {
	}

	static Result of(Corpus.Truth paper) {
		return RESULTS.computeIfAbsent(paper.file(), (file) -> extract(paper));
	}

	static Result extract(Corpus.Truth paper) {
		try (PDDocument document = Loader.loadPDF(paper.path().toFile())) {
			ExtractedText text = new TextExtractor().extract(document);
			ExtractedMetadata metadata = new MetadataExtractor().extract(document, text);
			ParsedReferences references = new ReferenceParser().parse(text);
			return new Result(text, metadata, references);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String norm(String text) {
		return TextCleaner.comparable(text);
	}

}
