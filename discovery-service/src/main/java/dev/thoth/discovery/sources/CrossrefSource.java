package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.thoth.clients.api.RetractionNotice;
import tools.jackson.databind.JsonNode;

/**
 * CrossRef's {@code /works}: the keywords as {@code query}, the authors as
 * {@code query.author}, the window as {@code filter=from-pub-date:…,until-pub-date:…},
 * newest first, cursor paging ({@code cursor=*}, then each answer's {@code next-cursor}),
 * and {@code mailto} for the polite pool. JATS abstracts become plain text. A preprint
 * names its published version ({@code relation.is-preprint-of}), a published work its
 * preprint ({@code has-preprint}): both ids are kept. A retraction or withdrawal notice
 * ({@code update-to}) is not a paper: it becomes a marker, the retracted work's DOI with
 * no title, which marks that work retracted when a source returns it and is dropped
 * otherwise. A work that names its own retraction or withdrawal ({@code updated-by}) is
 * retracted too.
 * <p>
 * The retraction watch asks for the notices about library papers
 * ({@link #notices(Collection, SourceTally)}): a batch of DOIs in one request, each
 * work's {@code updated-by}.
 */
public final class CrossrefSource implements PaperSource {

	static final String NAME = "crossref";

	static final int PAGE = 100;

	private static final Set<String> RETRACTING = Set.of("retraction", "withdrawal", "removal");

	/** DOIs asked about in one request: keeps the URL well under common limits. */
	public static final int NOTICE_BATCH = 50;

	/**
	 * CrossRef's update types (Crossmark's vocabulary, also as Retraction Watch reports
	 * them) that Thoth flags, as the kind of notice it shows; other updates (addendum,
	 * new version, …) are not flagged.
	 */
	private static final Map<String, String> NOTICE_TYPES = Map.ofEntries(Map.entry("retraction", "retraction"),
			Map.entry("partial_retraction", "retraction"), Map.entry("withdrawal", "withdrawal"),
			Map.entry("removal", "withdrawal"), Map.entry("expression_of_concern", "expression_of_concern"),
			Map.entry("correction", "correction"), Map.entry("erratum", "correction"),
			Map.entry("corrigendum", "correction"));

	private static final java.util.regex.Pattern DOI = java.util.regex.Pattern.compile(RetractionNotice.DOI);

	/** The order in which one notice outweighs another on the same paper. */
	private static final List<String> SEVERITY = List.of("retraction", "withdrawal", "expression_of_concern",
			"correction");

	private final SourceCalls calls;

	private final String mailto;

	public CrossrefSource(SourceCalls calls, String mailto) {
		this.calls = calls;
		this.mailto = (mailto != null) ? mailto.strip() : "";
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException {
		List<Candidate> found = new ArrayList<>();
		String cursor = "*";
		int papers = 0;
		while (papers < request.maxResults() && cursor != null) {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("rows", Math.min(PAGE, request.maxResults() - papers));
			variables.put("cursor", cursor);
			StringBuilder uri = new StringBuilder("/works?rows={rows}&cursor={cursor}&sort=published&order=desc");
			optional(uri, variables, "query", String.join(" ", request.keywords()));
			optional(uri, variables, "query.author", String.join(" ", request.authors()));
			optional(uri, variables, "filter", filter(request));
			optional(uri, variables, "mailto", this.mailto);
			String body = this.calls.fetch(tally, "page from cursor " + abbreviated(cursor),
					(client) -> client.get().uri(uri.toString(), variables));
			JsonNode root = Json.object(NAME, body);
			JsonNode message = root.get("message");
			if (!"ok".equals(Json.text(root, "status")) || message == null || !message.isObject()) {
				throw new SourceException("malformed", "crossref answered without status ok and a message");
			}
			int items = 0;
			for (JsonNode item : Json.items(message.get("items"))) {
				items++;
				Candidate candidate = work(item);
				if (candidate != null) {
					found.add(candidate);
					if (candidate.title() != null) {
						papers++;
					}
				}
			}
			String next = Json.text(message, "next-cursor");
			cursor = (items == 0 || next == null || next.equals(cursor)) ? null : next;
		}
		return found;
	}

	/**
	 * One work by its DOI ({@code /works/{doi}}), with its PDF link if CrossRef has one;
	 * empty when CrossRef does not know the DOI.
	 */
	public Optional<Candidate> work(String doi, SourceTally tally) throws SourceException {
		String body;
		try {
			body = this.calls.fetch(tally, "the work " + doi,
					(client) -> client.get()
						.uri("/works/{doi}"
								+ ((this.mailto != null && !this.mailto.isBlank()) ? "?mailto={mailto}" : ""), doi,
								(this.mailto != null) ? this.mailto.strip() : ""));
		}
		catch (SourceException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("HTTP 404")) {
				return Optional.empty();
			}
			throw ex;
		}
		JsonNode root = Json.object(NAME, body);
		JsonNode message = root.get("message");
		if (!"ok".equals(Json.text(root, "status")) || message == null || !message.isObject()) {
			throw new SourceException("malformed", "crossref answered without status ok and a message");
		}
		return Optional.ofNullable(work(message));
	}

	/**
	 * The most serious notice CrossRef records against each of these works (its
	 * {@code updated-by}: a retraction, withdrawal, expression of concern or correction,
	 * from the publisher or from Retraction Watch), by lower-case DOI; works without one,
	 * and works not asked about, are left out. One request for up to
	 * {@link #NOTICE_BATCH} DOIs ({@code filter=doi:…,doi:…}, which CrossRef ORs, with
	 * {@code select} keeping the answer to the DOI and its updates): one answer per work,
	 * of known length. Rather than {@code filter=updates:…}, which lists the notices
	 * themselves (any number, paged), while {@code updated-by} gathers every notice
	 * CrossRef records against the work, Retraction Watch's included.
	 * @param dois at most {@link #NOTICE_BATCH} DOIs without commas (a comma separates
	 * filters)
	 */
	public Map<String, Notice> notices(Collection<String> dois, SourceTally tally) throws SourceException {
		if (dois.isEmpty()) {
			return Map.of();
		}
		if (dois.size() > NOTICE_BATCH || dois.stream().anyMatch((doi) -> doi.contains(","))) {
			throw new IllegalArgumentException("at most " + NOTICE_BATCH + " DOIs without commas");
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("filter", dois.stream().map((doi) -> "doi:" + doi).collect(Collectors.joining(",")));
		variables.put("rows", dois.size());
		StringBuilder uri = new StringBuilder("/works?filter={filter}&select=DOI,updated-by&rows={rows}");
		optional(uri, variables, "mailto", this.mailto);
		String body = this.calls.fetch(tally, "notices of " + dois.size() + " DOIs",
				(client) -> client.get().uri(uri.toString(), variables));
		JsonNode root = Json.object(NAME, body);
		JsonNode message = root.get("message");
		if (!"ok".equals(Json.text(root, "status")) || message == null || !message.isObject()) {
			throw new SourceException("malformed", "crossref answered without status ok and a message");
		}
		Set<String> asked = dois.stream().map((doi) -> doi.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		Map<String, Notice> notices = new LinkedHashMap<>();
		for (JsonNode item : Json.items(message.get("items"))) {
			String doi = Json.text(item, "DOI");
			// Only the works asked about: an answer about another is no answer about
			// them.
			if (doi == null || !asked.contains(doi.toLowerCase(Locale.ROOT))) {
				continue;
			}
			Notice serious = null;
			for (JsonNode update : Json.items(item.get("updated-by"))) {
				Notice notice = notice(update);
				if (notice != null && (serious == null || notice.outweighs(serious))) {
					serious = notice;
				}
			}
			if (serious != null) {
				notices.put(doi.toLowerCase(Locale.ROOT), serious);
			}
		}
		return notices;
	}

	/**
	 * An editorial notice about a work.
	 *
	 * @param type {@code retraction}, {@code withdrawal}, {@code expression_of_concern}
	 * or {@code correction}
	 * @param doi the notice's DOI
	 * @param date when it was issued, if CrossRef says
	 * @param source {@code publisher} or {@code retraction-watch}
	 * @param label its name as CrossRef gives it ("Retraction", "Erratum", …)
	 */
	public record Notice(String type, String doi, LocalDate date, String source, String label) {

		/** More serious, or as serious and later. */
		boolean outweighs(Notice other) {
			int severity = Integer.compare(SEVERITY.indexOf(other.type), SEVERITY.indexOf(this.type));
			if (severity != 0) {
				return severity > 0;
			}
			return this.date != null && (other.date == null || this.date.isAfter(other.date));
		}

	}

	/** An {@code updated-by} or {@code update-to} entry Thoth flags; null otherwise. */
	static Notice notice(JsonNode update) {
		String type = Json.text(update, "type");
		String doi = Json.text(update, "DOI");
		if (type == null || doi == null || !DOI.matcher(doi).matches()) {
			return null;
		}
		String kind = NOTICE_TYPES.get(type.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
		if (kind == null) {
			return null;
		}
		JsonNode updated = update.get("updated");
		JsonNode parts = (updated != null) ? updated.get("date-parts") : null;
		LocalDate date = null;
		if (parts != null && parts.isArray() && !parts.isEmpty() && parts.get(0).isArray()
				&& parts.get(0).size() >= 3) {
			try {
				date = LocalDate.of(parts.get(0).get(0).asInt(), parts.get(0).get(1).asInt(),
						parts.get(0).get(2).asInt());
			}
			catch (RuntimeException ex) {
				// An impossible date: the notice stands without one.
			}
		}
		return new Notice(kind, doi, date, Json.text(update, "source"), Json.text(update, "label"));
	}

	/** A parameter only when it has a value (CrossRef refuses some empty ones). */
	private static void optional(StringBuilder uri, Map<String, Object> variables, String name, String value) {
		if (value != null && !value.isBlank()) {
			String variable = name.replace(".", "_");
			uri.append('&').append(name).append("={").append(variable).append('}');
			variables.put(variable, value.strip());
		}
	}

	static String filter(SearchRequest request) {
		List<String> filters = new ArrayList<>();
		if (request.from() != null) {
			filters.add("from-pub-date:" + request.from());
		}
		if (request.to() != null) {
			filters.add("until-pub-date:" + request.to());
		}
		return String.join(",", filters);
	}

	static Candidate work(JsonNode item) {
		String doi = Json.text(item, "DOI");
		if (doi == null) {
			return null;
		}
		for (JsonNode update : Json.items(item.get("update-to"))) {
			String type = Json.text(update, "type");
			String target = Json.text(update, "DOI");
			if (type != null && target != null && RETRACTING.contains(type.toLowerCase(Locale.ROOT))) {
				return new Candidate(NAME, new WorkIds(target, null, null, null, null, null), null, List.of(), null,
						null, null, null, List.of(), null, null, true);
			}
		}
		List<String> titles = Json.texts(item.get("title"), null);
		if (titles.isEmpty()) {
			return null;
		}
		String title = Text.fromMarkup(titles.get(0));
		WorkIds ids = new WorkIds(doi, null, null, null, null, null);
		JsonNode relation = item.get("relation");
		if (relation != null) {
			for (JsonNode published : Json.items(relation.get("is-preprint-of"))) {
				if ("doi".equals(Json.text(published, "id-type"))) {
					ids = ids.publishedAs(Json.text(published, "id"));
					break;
				}
			}
			for (JsonNode preprint : Json.items(relation.get("has-preprint"))) {
				if ("doi".equals(Json.text(preprint, "id-type")) && ids.preprintDoi() == null) {
					ids = new WorkIds(ids.doi(), Json.text(preprint, "id"), null, null, null, null);
				}
			}
		}
		List<String> authors = new ArrayList<>();
		for (JsonNode author : Json.items(item.get("author"))) {
			String given = Json.text(author, "given");
			String family = Json.text(author, "family");
			String name = Json.text(author, "name");
			if (family != null) {
				authors.add((given != null) ? given + " " + family : family);
			}
			else if (name != null) {
				authors.add(name);
			}
		}
		List<String> containers = Json.texts(item.get("container-title"), null);
		String venue = !containers.isEmpty() ? containers.get(0) : institution(item);
		String pdf = null;
		for (JsonNode link : Json.items(item.get("link"))) {
			if ("application/pdf".equals(Json.text(link, "content-type"))) {
				pdf = Json.text(link, "URL");
				break;
			}
		}
		boolean retracted = title.toUpperCase(Locale.ROOT).startsWith("RETRACTED");
		for (JsonNode update : Json.items(item.get("updated-by"))) {
			String type = Json.text(update, "type");
			retracted |= type != null && RETRACTING.contains(type.toLowerCase(Locale.ROOT));
		}
		return new Candidate(NAME, ids, title, authors, Text.fromMarkup(Json.text(item, "abstract")), published(item),
				year(item), venue, Json.texts(item.get("subject"), null), pdf,
				Json.integer(item, "is-referenced-by-count"), retracted);
	}

	private static String institution(JsonNode item) {
		for (JsonNode institution : Json.items(item.get("institution"))) {
			String name = Json.text(institution, "name");
			if (name != null) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The first of published, published-online, published-print, issued, posted with a
	 * full date.
	 */
	private static LocalDate published(JsonNode item) {
		for (String field : List.of("published", "published-online", "published-print", "issued", "posted")) {
			JsonNode parts = dateParts(item, field);
			if (parts != null && parts.size() >= 3) {
				try {
					return LocalDate.of(parts.get(0).asInt(), parts.get(1).asInt(), parts.get(2).asInt());
				}
				catch (RuntimeException ex) {
					// An impossible date: try the next field.
				}
			}
		}
		return null;
	}

	private static Integer year(JsonNode item) {
		for (String field : List.of("published", "published-online", "published-print", "issued", "posted")) {
			JsonNode parts = dateParts(item, field);
			if (parts != null && parts.size() >= 1 && parts.get(0).isNumber()) {
				return parts.get(0).asInt();
			}
		}
		return null;
	}

	private static JsonNode dateParts(JsonNode item, String field) {
		JsonNode date = item.get(field);
		JsonNode parts = (date != null) ? date.get("date-parts") : null;
		return (parts != null && parts.isArray() && !parts.isEmpty() && parts.get(0).isArray()) ? parts.get(0) : null;
	}

	private static String abbreviated(String cursor) {
		return (cursor.length() > 12) ? cursor.substring(0, 12) + "…" : cursor;
	}

}
