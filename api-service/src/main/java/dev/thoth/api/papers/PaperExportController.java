package dev.thoth.api.papers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.api.web.NumberParameters;
import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.clients.api.FormattedBibliography;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library as a bibliography: BibTeX, RIS or CSL-JSON files, or entries formatted in a
 * citation style (APA, IEEE, MLA, Chicago, Harvard or any CSL style).
 */
@RestController
@RequestMapping("/api/v1/papers")
class PaperExportController {

	private static final MediaType BIBTEX = new MediaType("application", "x-bibtex", StandardCharsets.UTF_8);

	private static final MediaType RIS = new MediaType("application", "x-research-info-systems",
			StandardCharsets.UTF_8);

	private static final MediaType CSL_JSON = new MediaType("application", "vnd.citationstyles.csl+json",
			StandardCharsets.UTF_8);

	private final PaperListing listing;

	PaperExportController(PaperListing listing) {
		this.listing = listing;
	}

	@GetMapping("/export")
	@Operation(summary = "Export papers as a bibliography",
			description = "The papers given by id (repeated, in that order), or else those matching the list filters "
					+ "(q, tag, author, yearFrom, yearTo, status, sort), at most limit. format: bibtex, ris, csl-json, "
					+ "or csl: formatted in style (apa, ieee, mla, chicago, harvard, vancouver, or any CSL style id) and "
					+ "locale (en-US), as output text, html, or json (each entry with its paper).")
	@ApiResponse(responseCode = "200", description = "The bibliography",
			content = { @Content(mediaType = "application/x-bibtex"),
					@Content(mediaType = "application/x-research-info-systems"),
					@Content(mediaType = "application/vnd.citationstyles.csl+json"), @Content(mediaType = "text/plain"),
					@Content(mediaType = "text/html"),
					@Content(mediaType = "application/json",
							schema = @Schema(implementation = FormattedBibliography.class)) })
	@ApiResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<?> export(@Parameter(
			schema = @Schema(allowableValues = { "bibtex", "ris", "csl-json", "csl" })) @RequestParam String format,
			@Parameter(description = "The citation style, for format=csl") @RequestParam(required = false) @Size(
					max = 120) String style,
			@Parameter(description = "The CSL locale, for format=csl (default en-US)") @RequestParam(
					required = false) @Size(max = 10) String locale,
			@Parameter(description = "For format=csl: text (default), html, or json",
					schema = @Schema(allowableValues = { "text", "html", "json" })) @RequestParam(
							required = false) String output,
			@Parameter(description = "Papers to export, in this order") @RequestParam(name = "id",
					required = false) @Size(max = 1000) List<UUID> ids,
			@RequestParam(required = false) @Size(max = 500) String q,
			@RequestParam(required = false) @Size(max = 200) String tag,
			@RequestParam(required = false) @Size(max = 200) String author,
			@RequestParam(required = false) @Min(0) @Max(9999) Integer yearFrom,
			@RequestParam(required = false) @Min(0) @Max(9999) Integer yearTo,
			@Parameter(
					schema = @Schema(allowableValues = { "PENDING", "PROCESSING", "READY", "FAILED" })) @RequestParam(
							required = false) String status,
			@RequestParam(required = false) String sort,
			@Parameter(description = "Most papers (default 1000)") @RequestParam(
					defaultValue = "1000") @Min(1) @Max(5000) int limit,
			HttpServletRequest request) {
		NumberParameters.requireNumbers(request, "yearFrom", "yearTo", "limit");
		PaperFilter filter = new PaperFilter(PaperFilter.text(q), PaperFilter.text(tag), PaperFilter.text(author),
				yearFrom, yearTo, PaperFilter.parseStatus(status), PaperFilter.Sort.parse(sort));
		String chosen = (format == null) ? "" : format.strip().toLowerCase(java.util.Locale.ROOT);
		return switch (chosen) {
			case "bibtex" -> file(BIBTEX, "bib", BibliographyFormats.bibtex(papers(ids, filter, limit)));
			case "ris" -> file(RIS, "ris", BibliographyFormats.ris(papers(ids, filter, limit)));
			case "csl-json" -> file(CSL_JSON, "json", BibliographyFormats.cslJson(papers(ids, filter, limit)));
			case "csl" -> formatted(style, locale, output, papers(ids, filter, limit));
			default -> throw new InvalidFieldException("format", "must be one of bibtex, ris, csl-json, csl");
		};
	}

	private List<BibliographicPaper> papers(List<UUID> ids, PaperFilter filter, int limit) {
		return this.listing.forBibliography(ids, filter, limit);
	}

	private ResponseEntity<?> formatted(String style, String locale, String output, List<BibliographicPaper> papers) {
		if (style == null || style.isBlank()) {
			throw new InvalidFieldException("style",
					"is required for format=csl: apa, ieee, mla, chicago, harvard, " + "vancouver or a CSL style id");
		}
		String kind = (output == null || output.isBlank()) ? "text" : output.strip();
		if (!List.of("text", "html", "json").contains(kind)) {
			throw new InvalidFieldException("output", "must be one of text, html, json");
		}
		String styleId = CitationStyles.resolve(style);
		String localeId = CitationStyles.locale(locale);
		Map<BibliographicPaper, String> keys = BibliographyFormats.keys(papers);
		CitationStyles.Formatted formatted = CitationStyles.format(styleId, localeId,
				BibliographyFormats.cslItems(papers), kind.equals("html") ? "html" : "text");
		if (kind.equals("json")) {
			List<FormattedBibliography.Entry> entries = new ArrayList<>();
			for (int i = 0; i < formatted.ids().size(); i++) {
				String key = formatted.ids().get(i);
				UUID paperId = keys.entrySet()
					.stream()
					.filter((entry) -> entry.getValue().equals(key))
					.map((entry) -> entry.getKey().id())
					.findFirst()
					.orElse(null);
				entries.add(new FormattedBibliography.Entry(paperId, formatted.entries().get(i)));
			}
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(new FormattedBibliography(styleId, localeId, entries));
		}
		String body = String.join("\n", formatted.entries()) + "\n";
		return ResponseEntity.ok()
			.contentType(kind.equals("html") ? new MediaType("text", "html", StandardCharsets.UTF_8)
					: new MediaType("text", "plain", StandardCharsets.UTF_8))
			.body(body);
	}

	private static ResponseEntity<String> file(MediaType type, String extension, String body) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"thoth-library." + extension + "\"")
			.body(body);
	}

}
