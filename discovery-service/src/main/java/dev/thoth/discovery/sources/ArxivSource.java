package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * arXiv through its Atom API ({@code /api/query}): {@code search_query} with field
 * prefixes ({@code all:}, {@code cat:}, {@code au:}) joined by OR within a kind and AND
 * across kinds, the window as {@code submittedDate:[… TO …]}, newest first, paged with
 * {@code start}/{@code max_results}.
 */
public final class ArxivSource implements PaperSource {

	static final String NAME = "arxiv";

	static final String ATOM = "http://www.w3.org/2005/Atom";

	static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";

	static final String ARXIV = "http://arxiv.org/schemas/atom";

	static final int PAGE = 100;

	private static final DateTimeFormatter SUBMITTED = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final SourceCalls calls;

	public ArxivSource(SourceCalls calls) {
		this.calls = calls;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException {
		String query = searchQuery(request);
		List<Candidate> found = new ArrayList<>();
		int start = 0;
		while (found.size() < request.maxResults()) {
			int size = Math.min(PAGE, request.maxResults() - found.size());
			int offset = start;
			String body = this.calls.fetch(tally, "page " + (start / PAGE + 1),
					(client) -> client.get()
						.uri("/api/query?search_query={q}&start={start}&max_results={max}"
								+ "&sortBy=submittedDate&sortOrder=descending",
								Map.of("q", query, "start", offset, "max", size)));
			Page page = parse(body);
			found.addAll(page.candidates());
			start += page.entries();
			if (page.entries() == 0 || start >= page.total()) {
				break;
			}
		}
		return found.subList(0, Math.min(found.size(), request.maxResults()));
	}

	static String searchQuery(SearchRequest request) {
		List<String> groups = new ArrayList<>();
		group(groups, request.keywords(), "all");
		group(groups, request.categories(), "cat");
		group(groups, request.authors(), "au");
		if (request.from() != null || request.to() != null) {
			String from = (request.from() != null) ? request.from().format(SUBMITTED) + "0000" : "199101010000";
			String to = ((request.to() != null) ? request.to() : LocalDate.now().plusDays(1)).format(SUBMITTED)
					+ "2359";
			groups.add("submittedDate:[" + from + " TO " + to + "]");
		}
		return String.join(" AND ", groups);
	}

	private static void group(List<String> groups, List<String> terms, String field) {
		if (terms.isEmpty()) {
			return;
		}
		List<String> parts = new ArrayList<>();
		for (String term : terms) {
			// Quotes and parentheses are the query language's own: a term is only words.
			String clean = term.replaceAll("[\"()]", " ").strip();
			if (!clean.isEmpty()) {
				parts.add(field + ":" + (clean.contains(" ") ? "\"" + clean + "\"" : clean));
			}
		}
		if (!parts.isEmpty()) {
			groups.add((parts.size() == 1) ? parts.get(0) : "(" + String.join(" OR ", parts) + ")");
		}
	}

	record Page(List<Candidate> candidates, int entries, int total) {
	}

	static Page parse(String body) throws SourceException {
		Document document = Xml.parse(NAME, body);
		Element feed = document.getDocumentElement();
		if (feed == null || !"feed".equals(feed.getLocalName()) || !ATOM.equals(feed.getNamespaceURI())) {
			throw new SourceException("malformed", "arxiv answered XML that is not an Atom feed");
		}
		List<Element> entries = Xml.children(feed, ATOM, "entry");
		List<Candidate> candidates = new ArrayList<>();
		for (Element entry : entries) {
			String id = Xml.text(entry, ATOM, "id");
			if (id != null && id.contains("/api/errors")) {
				// arXiv reports a bad query as a feed with one error entry.
				throw new SourceException("client_error",
						"arxiv refused the query: " + Xml.text(entry, ATOM, "summary"));
			}
			Candidate candidate = entry(entry);
			if (candidate != null) {
				candidates.add(candidate);
			}
		}
		Integer total = integer(Xml.text(feed, OPENSEARCH, "totalResults"));
		return new Page(candidates, entries.size(), (total != null) ? total : entries.size());
	}

	private static Candidate entry(Element entry) {
		String arxivId = WorkIds.arxiv(Xml.text(entry, ATOM, "id"));
		String title = Xml.text(entry, ATOM, "title");
		if (arxivId == null || title == null) {
			return null;
		}
		List<String> authors = new ArrayList<>();
		for (Element author : Xml.children(entry, ATOM, "author")) {
			String name = Xml.text(author, ATOM, "name");
			if (name != null) {
				authors.add(name);
			}
		}
		List<String> categories = new ArrayList<>();
		for (Element category : Xml.children(entry, ATOM, "category")) {
			String term = category.getAttribute("term");
			if (!term.isBlank() && !categories.contains(term)) {
				categories.add(term);
			}
		}
		String pdf = null;
		for (Element link : Xml.children(entry, ATOM, "link")) {
			if ("pdf".equals(link.getAttribute("title")) || "application/pdf".equals(link.getAttribute("type"))) {
				pdf = https(link.getAttribute("href"));
			}
		}
		String journal = Xml.text(entry, ARXIV, "journal_ref");
		String comment = Xml.text(entry, ARXIV, "comment");
		boolean withdrawn = comment != null && comment.toLowerCase(java.util.Locale.ROOT).contains("withdrawn");
		// arxiv:doi is the DOI of the published version.
		WorkIds ids = new WorkIds(Xml.text(entry, ARXIV, "doi"), null, arxivId, null, null, null);
		return new Candidate(NAME, ids, title, authors, Xml.text(entry, ATOM, "summary"),
				date(Xml.text(entry, ATOM, "published")), null, (journal != null) ? journal : "arXiv", categories, pdf,
				null, withdrawn);
	}

	/** arXiv serves every page over HTTPS; its feed still links some over HTTP. */
	static String https(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		return url.replaceFirst("^http://(export\\.)?arxiv\\.org/", "https://arxiv.org/");
	}

	private static LocalDate date(String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			return Json.date(value);
		}
	}

	private static Integer integer(String value) {
		try {
			return (value != null) ? Integer.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
