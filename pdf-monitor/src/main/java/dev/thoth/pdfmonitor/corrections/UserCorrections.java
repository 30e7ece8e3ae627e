package dev.thoth.pdfmonitor.corrections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The corrections a user made to a paper's metadata through the API, laid over what the
 * pipeline extracted whenever it writes the paper's metadata, so that re-processing never
 * undoes them. Each corrected field gets the source {@value #SOURCE} with confidence 1.
 * <p>
 * The API writes one row per field in {@code paper_corrections}: {@code title},
 * {@code doi}, {@code venue}, {@code abstract} as text; {@code year} as an integer in
 * text; {@code authors} and {@code keywords} as a JSON array of strings. A null value
 * means the user removed the field. A value that does not parse is skipped with a warning
 * rather than failing the job.
 */
@Component
public class UserCorrections {

	public static final String SOURCE = "user";

	private static final FieldSource USER = new FieldSource(SOURCE, 1.0);

	private static final Log log = LogFactory.getLog(UserCorrections.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	UserCorrections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The metadata with the paper's corrections applied; unchanged when it has none. */
	public ExtractedMetadata applyTo(UUID paperId, ExtractedMetadata metadata) {
		Map<String, String> corrections = new HashMap<>();
		this.jdbc.sql("select field, value from paper_corrections where paper_id = :paper")
			.param("paper", paperId)
			.query((rs) -> {
				corrections.put(rs.getString("field"), rs.getString("value"));
			});
		if (corrections.isEmpty()) {
			return metadata;
		}
		String title = metadata.title();
		List<String> authors = metadata.authors();
		Integer year = metadata.year();
		String doi = metadata.doi();
		String arxivId = metadata.arxivId();
		String venue = metadata.venue();
		String abstractText = metadata.abstractText();
		List<String> keywords = metadata.keywords();
		Map<String, FieldSource> sources = new HashMap<>(metadata.sources());
		for (Map.Entry<String, String> correction : corrections.entrySet()) {
			String value = correction.getValue();
			try {
				switch (correction.getKey()) {
					case ExtractedMetadata.TITLE -> title = value;
					case ExtractedMetadata.AUTHORS -> authors = list(value);
					case ExtractedMetadata.YEAR -> year = (value != null) ? Integer.valueOf(value.strip()) : null;
					case ExtractedMetadata.DOI -> doi = value;
					case ExtractedMetadata.ARXIV_ID -> arxivId = value;
					case ExtractedMetadata.VENUE -> venue = value;
					case ExtractedMetadata.ABSTRACT -> abstractText = value;
					case ExtractedMetadata.KEYWORDS -> keywords = list(value);
					default -> {
						log.warn("Paper " + paperId + " has a correction of an unknown field, " + correction.getKey()
								+ "; skipped");
						continue;
					}
				}
				sources.put(correction.getKey(), USER);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				// IllegalArgumentException covers a year that is not a number.
				log.warn("Paper " + paperId + " has an unreadable correction of " + correction.getKey() + " ("
						+ ex.getMessage() + "); skipped");
			}
		}
		return new ExtractedMetadata(title, authors, year, doi, arxivId, venue, abstractText, keywords, sources);
	}

	/** A JSON array of strings; null is the empty list. */
	private static List<String> list(String value) {
		if (value == null) {
			return List.of();
		}
		JsonNode array = json.readTree(value);
		if (!array.isArray()) {
			throw new IllegalArgumentException("not a JSON array");
		}
		List<String> items = new ArrayList<>();
		for (JsonNode item : array) {
			if (!item.isString()) {
				throw new IllegalArgumentException("not a JSON array of strings");
			}
			items.add(item.asString());
		}
		return items;
	}

}
