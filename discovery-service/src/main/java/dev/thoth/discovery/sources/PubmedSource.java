package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * PubMed through the E-utilities: {@code esearch} (JSON) for the ids, newest first, the
 * window as publication dates; then {@code efetch} (XML) for the records: structured
 * abstracts keep their section labels, authors in order, the DOI from
 * {@code ArticleIdList}. Every request names the tool and a contact e-mail, and the key
 * when there is one (which allows 10 requests a second instead of 3).
 */
public final class PubmedSource implements PaperSource {

	static final String NAME = "pubmed";

	static final int PAGE = 200;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

	private final SourceCalls calls;

	private final String apiKey;

	private final String email;

	public PubmedSource(SourceCalls calls, String apiKey, String email) {
		this.calls = calls;
		this.apiKey = (apiKey != null && !apiKey.isBlank()) ? apiKey.strip() : "";
		this.email = (email != null) ? email.strip() : "";
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException {
		String term = term(request);
		if (term.isEmpty()) {
			return List.of();
		}
		List<Candidate> found = new ArrayList<>();
		int start = 0;
		while (found.size() < request.maxResults()) {
			int size = Math.min(PAGE, request.maxResults() - found.size());
			Map<String, Object> variables = common();
			variables.put("term", term);
			variables.put("start", start);
			variables.put("max", size);
			variables.put("mindate", (request.from() != null) ? request.from().format(DAY) : "1800/01/01");
			variables.put("maxdate", ((request.to() != null) ? request.to() : LocalDate.now()).format(DAY));
			String body = this.calls.fetch(tally, "esearch from " + start,
					(client) -> client.get()
						.uri("/entrez/eutils/esearch.fcgi?db=pubmed&retmode=json&sort=pub_date&term={term}"
								+ "&retstart={start}&retmax={max}&datetype=pdat&mindate={mindate}&maxdate={maxdate}"
								+ "&tool={tool}&email={email}" + key(), variables));
			JsonNode result = Json.object(NAME, body).get("esearchresult");
			if (result == null || !result.isObject()) {
				throw new SourceException("malformed", "pubmed answered esearch without an esearchresult");
			}
			String error = Json.text(result, "ERROR");
			if (error != null) {
				throw new SourceException("client_error", "pubmed refused the search: " + error);
			}
			List<String> ids = Json.texts(result.get("idlist"), null);
			if (ids.isEmpty()) {
				break;
			}
			found.addAll(fetch(ids, tally));
			start += ids.size();
			Integer count = Json.integer(result, "count");
			if (count == null || start >= count) {
				break;
			}
		}
		return found.subList(0, Math.min(found.size(), request.maxResults()));
	}

	private List<Candidate> fetch(List<String> ids, SourceTally tally) throws SourceException {
		Map<String, Object> variables = common();
		variables.put("ids", String.join(",", ids));
		String xml = this.calls.fetch(tally, "efetch of " + ids.size() + " records",
				(client) -> client.get()
					.uri("/entrez/eutils/efetch.fcgi?db=pubmed&retmode=xml&id={ids}&tool={tool}&email={email}" + key(),
							variables));
		return parse(xml);
	}

	private Map<String, Object> common() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("tool", "thoth");
		variables.put("email", this.email);
		variables.put("key", this.apiKey);
		return variables;
	}

	private String key() {
		return this.apiKey.isEmpty() ? "" : "&api_key={key}";
	}

	/** Keywords in title or abstract, OR'ed; authors OR'ed; both groups AND'ed. */
	static String term(SearchRequest request) {
		List<String> groups = new ArrayList<>();
		List<String> words = new ArrayList<>();
		for (String keyword : request.keywords()) {
			String clean = keyword.replaceAll("[\"\\[\\]()]", " ").strip();
			if (!clean.isEmpty()) {
				words.add("\"" + clean + "\"[Title/Abstract]");
			}
		}
		List<String> people = new ArrayList<>();
		for (String author : request.authors()) {
			String clean = author.replaceAll("[\"\\[\\]()]", " ").strip();
			if (!clean.isEmpty()) {
				people.add("\"" + clean + "\"[Author]");
			}
		}
		if (!words.isEmpty()) {
			groups.add("(" + String.join(" OR ", words) + ")");
		}
		if (!people.isEmpty()) {
			groups.add("(" + String.join(" OR ", people) + ")");
		}
		return String.join(" AND ", groups);
	}

	static List<Candidate> parse(String xml) throws SourceException {
		Document document = Xml.parse(NAME, xml);
		Element root = document.getDocumentElement();
		if (root == null || !"PubmedArticleSet".equals(root.getLocalName())) {
			throw new SourceException("malformed", "pubmed answered efetch without a PubmedArticleSet");
		}
		List<Candidate> candidates = new ArrayList<>();
		for (Element article : Xml.children(root, null, "PubmedArticle")) {
			Candidate candidate = article(article);
			if (candidate != null) {
				candidates.add(candidate);
			}
		}
		return candidates;
	}

	private static Candidate article(Element pubmedArticle) {
		Element citation = Xml.child(pubmedArticle, null, "MedlineCitation");
		Element article = Xml.child(citation, null, "Article");
		String pmid = Xml.text(citation, null, "PMID");
		String title = Xml.text(article, null, "ArticleTitle");
		if (pmid == null || title == null) {
			return null;
		}
		List<String> types = new ArrayList<>();
		for (Element type : Xml.children(Xml.child(article, null, "PublicationTypeList"), null, "PublicationType")) {
			types.add(Xml.text(type));
		}
		if (types.contains("Retraction of Publication") || types.contains("Published Erratum")) {
			// A notice about another paper, not a paper.
			return null;
		}
		String doi = null;
		for (Element id : Xml.children(Xml.path(pubmedArticle, "PubmedData", "ArticleIdList"), null, "ArticleId")) {
			if ("doi".equals(id.getAttribute("IdType"))) {
				doi = Xml.text(id);
			}
		}
		if (doi == null) {
			for (Element location : Xml.children(article, null, "ELocationID")) {
				if ("doi".equals(location.getAttribute("EIdType"))) {
					doi = Xml.text(location);
				}
			}
		}
		Element journal = Xml.child(article, null, "Journal");
		LocalDate published = electronicDate(article);
		Integer year = null;
		if (published == null) {
			Element pubDate = Xml.path(journal, "JournalIssue", "PubDate");
			published = date(pubDate);
			year = year(pubDate);
		}
		List<String> keywords = new ArrayList<>();
		for (Element heading : Xml.children(Xml.child(citation, null, "MeshHeadingList"), null, "MeshHeading")) {
			String name = Xml.text(heading, null, "DescriptorName");
			if (name != null) {
				keywords.add(name);
			}
		}
		return new Candidate(NAME, new WorkIds(doi, null, null, pmid, null, null), title, authors(article),
				abstractText(article), published, year, Xml.text(journal, null, "Title"), keywords, null, null,
				types.contains("Retracted Publication"));
	}

	private static List<String> authors(Element article) {
		List<String> names = new ArrayList<>();
		for (Element author : Xml.children(Xml.child(article, null, "AuthorList"), null, "Author")) {
			String collective = Xml.text(author, null, "CollectiveName");
			String last = Xml.text(author, null, "LastName");
			String first = Xml.text(author, null, "ForeName");
			if (first == null) {
				first = Xml.text(author, null, "Initials");
			}
			if (last != null) {
				names.add((first != null) ? first + " " + last : last);
			}
			else if (collective != null) {
				names.add(collective);
			}
		}
		return names;
	}

	/**
	 * Sections of a structured abstract keep their labels: "BACKGROUND: … METHODS: …".
	 */
	private static String abstractText(Element article) {
		List<String> parts = new ArrayList<>();
		for (Element section : Xml.children(Xml.child(article, null, "Abstract"), null, "AbstractText")) {
			String text = Xml.text(section);
			if (text == null) {
				continue;
			}
			String label = section.getAttribute("Label");
			parts.add(label.isBlank() ? text : label + ": " + text);
		}
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	private static LocalDate electronicDate(Element article) {
		for (Element date : Xml.children(article, null, "ArticleDate")) {
			LocalDate parsed = date(date);
			if (parsed != null) {
				return parsed;
			}
		}
		return null;
	}

	/** A full Year/Month/Day date; months come as numbers or as "Jan". */
	private static LocalDate date(Element date) {
		Integer year = year(date);
		String month = Xml.text(date, null, "Month");
		String day = Xml.text(date, null, "Day");
		if (year == null || month == null || day == null) {
			return null;
		}
		try {
			int named = MONTHS.indexOf(month.substring(0, Math.min(3, month.length())).toLowerCase(Locale.ROOT));
			int monthNumber = month.matches("\\d+") ? Integer.parseInt(month) : (named >= 0) ? named / 3 + 1 : -1;
			return LocalDate.of(year, monthNumber, Integer.parseInt(day));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

	private static Integer year(Element date) {
		String year = Xml.text(date, null, "Year");
		if (year == null) {
			// "2019 Nov-Dec" and the like.
			String medline = Xml.text(date, null, "MedlineDate");
			year = (medline != null && medline.matches("^\\d{4}.*")) ? medline.substring(0, 4) : null;
		}
		try {
			return (year != null) ? Integer.valueOf(year) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
