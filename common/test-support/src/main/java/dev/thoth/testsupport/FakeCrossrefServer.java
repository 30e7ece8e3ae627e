package dev.thoth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The CrossRef REST API on loopback, answering in the shape of CrossRef's published API
 * from the works a test registers: {@code GET /works/{doi}} (404 "Resource not found."
 * for an unknown DOI) and {@code GET /works?query.bibliographic=…&rows=…}, which, like
 * CrossRef, returns the best-scoring works for any query, near misses included. A test
 * can also make every answer an HTTP error or slow. It stands in for CrossRef, which
 * tests cannot reach.
 *
 * <p>
 * Written by hand rather than as WireMock stubs (which the discovery tests use for
 * recorded answers): a stub replays a fixed answer to a request it was told of, while the
 * metadata lookup sends queries built from whatever a PDF yields, and this ranks the
 * registered works against each, as CrossRef would.
 */
public final class FakeCrossrefServer implements AutoCloseable {

	/** An author as CrossRef lists one. */
	public record Author(String given, String family) {

	}

	/**
	 * A registered work.
	 *
	 * @param doi its DOI
	 * @param type CrossRef's type, e.g. {@code journal-article},
	 * {@code proceedings-article}
	 * @param title the title (may carry markup, as CrossRef's do)
	 * @param authors in order
	 * @param containerTitle the journal or proceedings, or null
	 * @param published year, month and day (fewer parts for a less precise date), or
	 * empty
	 * @param abstractJats the abstract in JATS markup, or null
	 * @param subjects CrossRef's subject categories
	 */
	public record Work(String doi, String type, String title, List<Author> authors, String containerTitle,
			List<Integer> published, String abstractJats, List<String> subjects) {

	}

	/** One request received: its decoded path, query parameters and User-Agent. */
	public record Request(String path, Map<String, String> query, String userAgent) {

	}

	private final HttpServer server;

	private final List<Work> works = new CopyOnWriteArrayList<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile int failure;

	private volatile Duration delay = Duration.ZERO;

	public FakeCrossrefServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The base URL to configure, as {@code https://api.crossref.org} would be. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public FakeCrossrefServer add(Work... works) {
		this.works.addAll(List.of(works));
		return this;
	}

	/** Every request is answered with this HTTP status and CrossRef's error body. */
	public FakeCrossrefServer failWith(int status) {
		this.failure = status;
		return this;
	}

	/** Every answer comes this late. */
	public FakeCrossrefServer delay(Duration delay) {
		this.delay = delay;
		return this;
	}

	/** No works, no failure, no delay, no requests. */
	public FakeCrossrefServer reset() {
		this.works.clear();
		this.requests.clear();
		this.failure = 0;
		this.delay = Duration.ZERO;
		return this;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Map<String, String> query = FakeResponses.queryParameters(exchange.getRequestURI().getRawQuery());
			this.requests.add(new Request(path, query, exchange.getRequestHeaders().getFirst("User-Agent")));
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay);
			}
			if (this.failure != 0) {
				send(exchange, this.failure, "text/plain",
						(this.failure == 404) ? "Resource not found." : "Internal Server Error");
				return;
			}
			if (path.equals("/works")) {
				send(exchange, 200, "application/json;charset=utf-8", search(query));
				return;
			}
			if (path.startsWith("/works/")) {
				String doi = path.substring("/works/".length());
				Work work = this.works.stream().filter((w) -> w.doi().equalsIgnoreCase(doi)).findFirst().orElse(null);
				if (work == null) {
					send(exchange, 404, "text/plain", "Resource not found.");
					return;
				}
				send(exchange, 200, "application/json;charset=utf-8",
						"{\"status\":\"ok\",\"message-type\":\"work\",\"message-version\":\"1.0.0\",\"message\":"
								+ json(work, null) + "}");
				return;
			}
			send(exchange, 404, "text/plain", "Resource not found.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// The client gave up (timed out) before the answer: nothing to do.
		}
	}

	private String search(Map<String, String> query) {
		String terms = query.getOrDefault("query.bibliographic", "");
		int rows = Integer.parseInt(query.getOrDefault("rows", "20"));
		Set<String> words = words(terms);
		Map<Work, Integer> scores = new LinkedHashMap<>();
		for (Work work : this.works) {
			Set<String> own = words(
					work.title() + " " + work.authors().stream().map(Author::family).collect(Collectors.joining(" ")));
			int score = (int) words.stream().filter(own::contains).count();
			if (score > 0) {
				scores.put(work, score);
			}
		}
		List<Map.Entry<Work, Integer>> ranked = new ArrayList<>(scores.entrySet());
		ranked.sort(Map.Entry.<Work, Integer>comparingByValue(Comparator.reverseOrder()));
		String items = ranked.stream()
			.limit(rows)
			.map((entry) -> json(entry.getKey(), 10.0 * entry.getValue()))
			.collect(Collectors.joining(","));
		return """
				{"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"facets":{},
				"total-results":%d,"items":[%s],"items-per-page":%d,"query":{"start-index":0,"search-terms":%s}}}"""
			.formatted(scores.size(), items, rows, string(terms));
	}

	private static Set<String> words(String text) {
		return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter((word) -> word.length() > 2)
			.collect(Collectors.toSet());
	}

	/** A work as CrossRef serialises it, with the fields a client must skip over. */
	private static String json(Work work, Double score) {
		StringBuilder json = new StringBuilder("{");
		json.append(
				"\"indexed\":{\"date-parts\":[[2024,1,1]],\"date-time\":\"2024-01-01T00:00:00Z\",\"timestamp\":1704067200000},");
		json.append(
				"\"reference-count\":0,\"publisher\":\"Fake Publisher\",\"content-domain\":{\"domain\":[],\"crossmark-restriction\":false},");
		json.append("\"DOI\":").append(string(work.doi())).append(',');
		json.append("\"type\":").append(string(work.type())).append(',');
		json.append("\"title\":[").append(string(work.title())).append("],");
		json.append("\"author\":[");
		for (int i = 0; i < work.authors().size(); i++) {
			Author author = work.authors().get(i);
			json.append((i > 0) ? "," : "")
				.append("{\"given\":")
				.append(string(author.given()))
				.append(",\"family\":")
				.append(string(author.family()))
				.append(",\"sequence\":\"")
				.append((i == 0) ? "first" : "additional")
				.append("\",\"affiliation\":[]}");
		}
		json.append("],");
		if (work.containerTitle() != null) {
			json.append("\"container-title\":[").append(string(work.containerTitle())).append("],");
		}
		if (!work.published().isEmpty()) {
			String parts = work.published().stream().map(String::valueOf).collect(Collectors.joining(","));
			json.append("\"published-print\":{\"date-parts\":[[").append(parts).append("]]},");
			json.append("\"issued\":{\"date-parts\":[[").append(parts).append("]]},");
			json.append("\"published\":{\"date-parts\":[[").append(parts).append("]]},");
		}
		if (work.abstractJats() != null) {
			json.append("\"abstract\":").append(string(work.abstractJats())).append(',');
		}
		json.append("\"subject\":[")
			.append(work.subjects().stream().map(FakeCrossrefServer::string).collect(Collectors.joining(",")))
			.append("],");
		if (score != null) {
			json.append("\"score\":").append(score).append(',');
		}
		json.append("\"URL\":").append(string("https://doi.org/" + work.doi()));
		return json.append('}').toString();
	}

	private static String string(String value) {
		return (value != null) ? FakeResponses.jsonString(value) : "null";
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		FakeResponses.send(exchange, status, type, body);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
