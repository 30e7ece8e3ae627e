package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PutExchange;

/** The API service's library, for the services that read and correct it. */
@HttpExchange(url = "/api/v1/papers", accept = "application/json")
public interface PapersClient {

	@GetExchange
	PageResponse<PaperSummary> list(@RequestParam("page") int page, @RequestParam("size") int size);

	/**
	 * The papers matching every filter given (a null filter is left out).
	 * @param q words in the title, abstract or an author's name (case-insensitive)
	 * @param tag papers with this tag
	 * @param author part of an author's name (case-insensitive)
	 * @param yearFrom published in or after this year
	 * @param yearTo published in or before this year
	 * @param status {@code PENDING}, {@code PROCESSING}, {@code READY} or {@code FAILED}
	 * @param sort {@code createdAt}, {@code year} or {@code title}, optionally followed
	 * by {@code ,asc} or {@code ,desc}
	 * @param page the page, from 0
	 * @param size papers per page (1 to 100)
	 */
	@GetExchange
	PageResponse<PaperSummary> find(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "tag", required = false) String tag,
			@RequestParam(name = "author", required = false) String author,
			@RequestParam(name = "yearFrom", required = false) Integer yearFrom,
			@RequestParam(name = "yearTo", required = false) Integer yearTo,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "sort", required = false) String sort, @RequestParam("page") int page,
			@RequestParam("size") int size);

	@GetExchange("/{id}")
	PaperDetails get(@PathVariable("id") UUID id);

	/** Corrects the paper's metadata; the correction survives re-processing. */
	@PatchExchange(url = "/{id}", contentType = "application/merge-patch+json")
	PaperDetails correct(@PathVariable("id") UUID id, @RequestBody PaperCorrection correction);

	/**
	 * Records the paper's retraction, withdrawal, correction or expression of concern;
	 * the notice the paper carries already changes nothing.
	 */
	@PutExchange(url = "/{id}/retraction", contentType = "application/json")
	Retraction recordRetraction(@PathVariable("id") UUID id, @RequestBody RetractionNotice notice);

	/** Removes the paper; its PDF and note go to the workspace's trash folder. */
	@DeleteExchange("/{id}")
	void delete(@PathVariable("id") UUID id);

	@GetExchange(url = "/{id}/pdf", accept = { "application/pdf", "application/problem+json" })
	byte[] pdf(@PathVariable("id") UUID id);

	@GetExchange("/{id}/references")
	PageResponse<ReferenceView> references(@PathVariable("id") UUID id, @RequestParam("page") int page,
			@RequestParam("size") int size);

	@GetExchange("/{id}/cited-by")
	PageResponse<CitingPaper> citedBy(@PathVariable("id") UUID id, @RequestParam("page") int page,
			@RequestParam("size") int size);

	@GetExchange("/{id}/related")
	List<RelatedPaper> related(@PathVariable("id") UUID id, @RequestParam("k") int k);

	@GetExchange(url = "/{id}/note", accept = "text/markdown")
	String note(@PathVariable("id") UUID id);

	/**
	 * The text of pages {@code fromPage} to {@code toPage} (null: the last), from
	 * character {@code offset} of the first, at most {@code maxChars} characters.
	 */
	@GetExchange("/{id}/text")
	PaperText text(@PathVariable("id") UUID id, @RequestParam("fromPage") int fromPage,
			@RequestParam(name = "toPage", required = false) Integer toPage, @RequestParam("offset") int offset,
			@RequestParam("maxChars") int maxChars);

	/** What the pipeline's analysis says about the paper. */
	@GetExchange("/{id}/analysis")
	PaperAnalysisView analysis(@PathVariable("id") UUID id);

	/**
	 * The sentences of the paper that cite its references: those at {@code positions}, or
	 * those resolving to {@code citedPaperId} (one of the two).
	 */
	@GetExchange("/{id}/citation-contexts")
	CitationContexts citationContexts(@PathVariable("id") UUID id,
			@RequestParam(name = "position", required = false) List<Integer> positions,
			@RequestParam(name = "citedPaperId", required = false) UUID citedPaperId);

	/**
	 * The papers given by id, or else those matching the filters, as a bibliography:
	 * {@code format} bibtex, ris, csl-json, or csl (formatted in {@code style}, a CSL
	 * style id such as apa, ieee, modern-language-association, with {@code locale} and
	 * {@code output} text or html).
	 */
	@GetExchange(url = "/export", accept = { "application/x-bibtex", "application/x-research-info-systems",
			"application/vnd.citationstyles.csl+json", "text/plain", "text/html", "application/problem+json" })
	String export(@RequestParam("format") String format, @RequestParam(name = "style", required = false) String style,
			@RequestParam(name = "locale", required = false) String locale,
			@RequestParam(name = "output", required = false) String output,
			@RequestParam(name = "id", required = false) List<UUID> ids,
			@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "tag", required = false) String tag,
			@RequestParam(name = "author", required = false) String author,
			@RequestParam(name = "yearFrom", required = false) Integer yearFrom,
			@RequestParam(name = "yearTo", required = false) Integer yearTo,
			@RequestParam(name = "limit", required = false) Integer limit);

	/** The papers given by id, formatted in a CSL style, entry by entry. */
	@GetExchange(url = "/export?format=csl&output=json")
	FormattedBibliography formatted(@RequestParam("style") String style,
			@RequestParam(name = "locale", required = false) String locale, @RequestParam("id") List<UUID> ids);

}
