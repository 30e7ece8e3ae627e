package dev.thoth.discovery.sources;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * bioRxiv and medRxiv through the {@code details} API by date window. It has no keyword
 * search: each server's window is paged through with the cursor, stepping by the
 * {@code count} each answer gives, and the query is matched here (any keyword in the
 * title or abstract, any author, any category). A preprint that has been published
 * carries the journal's DOI as well as its own.
 */
public final class BiorxivSource implements PaperSource {

	static final String NAME = "biorxiv";

	/** Without a window, the last week is read. */
	static final int DEFAULT_DAYS = 7;

	/** At most this many pages of one server per run (100 preprints each). */
	static final int MAX_PAGES = 50;

	private final SourceCalls calls;

	private final Map<String, URI> servers;

	/**
	 * @param servers each server ({@code biorxiv}, {@code medrxiv}) and where its PDFs
	 * are
	 */
	public BiorxivSource(SourceCalls calls, Map<String, URI> servers) {
		this.calls = calls;
		this.servers = new LinkedHashMap<>(servers);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException {
		LocalDate to = (request.to() != null) ? request.to() : LocalDate.now();
		LocalDate from = (request.from() != null) ? request.from() : to.minusDays(DEFAULT_DAYS);
		Matcher matcher = new Matcher(request);
		Map<String, Candidate> found = new LinkedHashMap<>();
		for (Map.Entry<String, URI> server : this.servers.entrySet()) {
			int cursor = 0;
			for (int page = 0; page < MAX_PAGES && found.size() < request.maxResults(); page++) {
				int at = cursor;
				String body = this.calls.fetch(tally, server.getKey() + " from " + cursor, (client) -> client.get()
					.uri("/details/{server}/{from}/{to}/{cursor}/json", server.getKey(), from, to, at));
				JsonNode root = Json.object(NAME, body);
				JsonNode messages = root.get("messages");
				JsonNode message = (messages != null && messages.isArray() && !messages.isEmpty()) ? messages.get(0)
						: null;
				if (message == null) {
					throw new SourceException("malformed", server.getKey() + " answered without messages");
				}
				JsonNode collection = root.get("collection");
				if (!"ok".equals(Json.text(message, "status")) || collection == null || collection.isEmpty()) {
					// "no posts found": the window (or what is left of it) is empty.
					break;
				}
				for (JsonNode preprint : collection) {
					Candidate candidate = preprint(preprint, server.getKey(), server.getValue());
					if (candidate != null && matcher.matches(candidate, Json.text(preprint, "category"))) {
						// A newer version of the same preprint replaces the older one.
						found.put(candidate.ids().preprintDoi() != null ? candidate.ids().preprintDoi()
								: candidate.ids().doi(), candidate);
					}
				}
				Integer count = Json.integer(message, "count");
				Integer total = Json.integer(message, "total");
				if (count == null || count <= 0) {
					throw new SourceException("malformed", server.getKey() + " answered without a count to step by");
				}
				cursor += count;
				if (total != null && cursor >= total) {
					break;
				}
			}
		}
		List<Candidate> matches = new ArrayList<>(found.values());
		return matches.subList(0, Math.min(matches.size(), request.maxResults()));
	}

	static Candidate preprint(JsonNode preprint, String server, URI content) {
		String doi = Json.text(preprint, "doi");
		String title = Json.text(preprint, "title");
		if (doi == null || title == null) {
			return null;
		}
		String version = Json.text(preprint, "version");
		String published = Json.text(preprint, "published");
		WorkIds ids = new WorkIds(doi, null, null, null, null, null);
		if (published != null && !"NA".equalsIgnoreCase(published)) {
			ids = ids.publishedAs(published);
		}
		List<String> authors = new ArrayList<>();
		String names = Json.text(preprint, "authors");
		if (names != null) {
			for (String name : names.split(";")) {
				if (!name.isBlank()) {
					authors.add(name.strip());
				}
			}
		}
		String category = Json.text(preprint, "category");
		String pdf = (content != null) ? content.toString().replaceAll("/+$", "") + "/content/" + doi + "v"
				+ ((version != null) ? version : "1") + ".full.pdf" : null;
		String serverName = Json.text(preprint, "server");
		return new Candidate(NAME, ids, title, authors, Json.text(preprint, "abstract"),
				Json.date(Json.text(preprint, "date")), null, (serverName != null) ? serverName : server,
				(category != null) ? List.of(category) : List.of(), pdf, null,
				"withdrawn".equalsIgnoreCase(Json.text(preprint, "type")));
	}

	/** The query, matched locally: every given kind must match, any term of a kind. */
	static final class Matcher {

		private final List<Pattern> keywords = new ArrayList<>();

		private final List<String> authors = new ArrayList<>();

		private final List<String> categories = new ArrayList<>();

		Matcher(SearchRequest request) {
			for (String keyword : request.keywords()) {
				this.keywords.add(Pattern.compile("(?iu)\\b" + Pattern.quote(keyword.strip()) + "\\b"));
			}
			for (String author : request.authors()) {
				this.authors.add(surname(author));
			}
			for (String category : request.categories()) {
				this.categories.add(category.replace('_', ' ').strip().toLowerCase(Locale.ROOT));
			}
		}

		boolean matches(Candidate candidate, String category) {
			if (!this.keywords.isEmpty()) {
				String text = candidate.text();
				if (this.keywords.stream().noneMatch((keyword) -> keyword.matcher(text).find())) {
					return false;
				}
			}
			if (!this.authors.isEmpty() && candidate.authors()
				.stream()
				.map((name) -> name.toLowerCase(Locale.ROOT))
				.noneMatch((name) -> this.authors.stream().anyMatch(name::contains))) {
				return false;
			}
			return this.categories.isEmpty()
					|| (category != null && this.categories.contains(category.toLowerCase(Locale.ROOT).strip()));
		}

		/** bioRxiv writes "Surname, I."; a query names "First Surname". */
		private static String surname(String author) {
			String[] parts = author.strip().split("\\s+");
			return parts[parts.length - 1].toLowerCase(Locale.ROOT);
		}

	}

}
