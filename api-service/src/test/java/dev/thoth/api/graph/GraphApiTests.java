package dev.thoth.api.graph;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.CitationGraph;
import dev.thoth.clients.api.CitationGraphClient;
import dev.thoth.clients.api.GraphEdge;
import dev.thoth.clients.api.GraphNode;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The citation graph over real HTTP on a real database: a small library where A cites B,
 * B cites C and D cites B, E stands alone, and B's title holds everything that breaks XML
 * and DOT.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphApiTests {

	static final String KEY = "graph-test-key-0123456789abcdef0123456789";

	static final String NASTY_TITLE = "Quotes \"q\" & <tags> 'apostrophes'\nsecond line \\ backslash \u0007bell Ψ";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	CitationGraphClient client;

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	UUID a;

	UUID b;

	UUID c;

	UUID d;

	UUID e;

	@BeforeAll
	void buildTheLibrary() {
		this.a = paper("A: the citing paper", 2020);
		this.b = paper(NASTY_TITLE, 2010);
		this.c = paper("C: the classic", 1990);
		this.d = paper("D: another citing paper", null);
		this.e = paper("E: cited by no one, citing no one", 2021);
		cite(this.a, 1, this.b);
		cite(this.a, 2, null);
		cite(this.b, 1, this.c);
		// Two entries for the same paper are one edge; a paper citing itself is none.
		cite(this.b, 2, this.c);
		cite(this.b, 3, this.b);
		cite(this.d, 1, this.b);
	}

	private UUID paper(String title, Integer year) {
		Paper paper = new Paper(HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 64));
		paper.describe(title, List.of("Ada Lovelace"), year);
		return this.papers.save(paper).getId();
	}

	private void cite(UUID citing, int position, UUID cited) {
		PaperReference reference = new PaperReference(citing, position, "[" + position + "] Somebody, Something.");
		if (cited != null) {
			reference.resolveTo(cited);
		}
		this.references.save(reference);
	}

	private static List<UUID> ids(CitationGraph graph) {
		return graph.nodes().stream().map(GraphNode::id).toList();
	}

	@Test
	void depthOneIsThePaperAndWhatItCitesAndWhatCitesIt() {
		CitationGraph fromA = this.client.around(this.a, 1, 100);
		assertThat(ids(fromA)).containsExactly(this.a, this.b);
		assertThat(fromA.edges()).containsExactly(new GraphEdge(this.a, this.b));
		assertThat(fromA.truncated()).isFalse();
		assertThat(fromA.nodes().getFirst()).isEqualTo(new GraphNode(this.a, "A: the citing paper", 2020, true));

		CitationGraph fromB = this.client.around(this.b, 1, 100);
		assertThat(ids(fromB)).containsExactlyInAnyOrder(this.a, this.b, this.c, this.d);
		assertThat(ids(fromB).getFirst()).isEqualTo(this.b);
		assertThat(fromB.edges()).containsExactlyInAnyOrder(new GraphEdge(this.a, this.b),
				new GraphEdge(this.b, this.c), new GraphEdge(this.d, this.b));

		CitationGraph fromC = this.client.around(this.c, 1, 100);
		assertThat(ids(fromC)).containsExactly(this.c, this.b);
		assertThat(fromC.edges()).containsExactly(new GraphEdge(this.b, this.c));
	}

	@Test
	void depthTwoFollowsCitationsBothWaysAcrossTwoSteps() {
		CitationGraph fromA = this.client.around(this.a, 2, 100);
		assertThat(ids(fromA)).containsExactlyInAnyOrder(this.a, this.b, this.c, this.d);
		assertThat(fromA.edges()).containsExactlyInAnyOrder(new GraphEdge(this.a, this.b),
				new GraphEdge(this.b, this.c), new GraphEdge(this.d, this.b));
		// Nearest first: A, then B, then C and D.
		assertThat(ids(fromA).subList(0, 2)).containsExactly(this.a, this.b);
		assertThat(this.client.around(this.e, 3, 100).nodes()).extracting(GraphNode::id).containsExactly(this.e);
		assertThat(this.client.around(this.e, 3, 100).edges()).isEmpty();
	}

	@Test
	void theLimitCutsTheGraphAndSaysSo() {
		CitationGraph cut = this.client.around(this.b, 1, 2);
		assertThat(cut.nodes()).hasSize(2);
		assertThat(ids(cut)).contains(this.b);
		assertThat(cut.truncated()).isTrue();
		assertThat(cut.edges())
			.allMatch((edge) -> ids(cut).contains(edge.source()) && ids(cut).contains(edge.target()));
		assertThat(cut.edges()).hasSize(1);
	}

	@Test
	void withoutAPaperItIsTheWholeLibraryMostConnectedFirst() {
		CitationGraph library = this.client.library(100);
		assertThat(ids(library)).containsExactlyInAnyOrder(this.a, this.b, this.c, this.d, this.e);
		assertThat(ids(library).getFirst()).isEqualTo(this.b);
		assertThat(ids(library).getLast()).isEqualTo(this.e);
		assertThat(library.edges()).hasSize(3);
		assertThat(library.truncated()).isFalse();

		CitationGraph top = this.client.library(1);
		assertThat(ids(top)).containsExactly(this.b);
		assertThat(top.edges()).isEmpty();
		assertThat(top.truncated()).isTrue();
	}

	@Test
	void graphMlParsesAsXmlWithTheTitlesExactAndTheEdges() throws Exception {
		for (HttpResponse<String> response : List.of(
				get("/api/v1/graph?paperId=" + this.a + "&depth=2", "application/graphml+xml"),
				get("/api/v1/graph?paperId=" + this.a + "&depth=2&format=graphml", null))) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/graphml+xml"));
			Document document = parse(response.body());
			Element root = document.getDocumentElement();
			assertThat(root.getLocalName()).isEqualTo("graphml");
			assertThat(root.getNamespaceURI()).isEqualTo("http://graphml.graphdrawing.org/xmlns");
			Map<String, Map<String, String>> nodes = new HashMap<>();
			NodeList nodeElements = document.getElementsByTagNameNS("*", "node");
			for (int i = 0; i < nodeElements.getLength(); i++) {
				Element node = (Element) nodeElements.item(i);
				Map<String, String> data = new HashMap<>();
				NodeList values = node.getElementsByTagNameNS("*", "data");
				for (int j = 0; j < values.getLength(); j++) {
					Element value = (Element) values.item(j);
					data.put(value.getAttribute("key"), value.getTextContent());
				}
				nodes.put(node.getAttribute("id"), data);
			}
			assertThat(nodes.keySet()).containsExactlyInAnyOrder(this.a.toString(), this.b.toString(),
					this.c.toString(), this.d.toString());
			// The bell cannot be in XML 1.0 at all; everything else comes back as it was.
			assertThat(nodes.get(this.b.toString()).get("title")).isEqualTo(NASTY_TITLE.replace('\u0007', '\uFFFD'));
			assertThat(nodes.get(this.b.toString()).get("year")).isEqualTo("2010");
			assertThat(nodes.get(this.d.toString())).doesNotContainKey("year");
			List<String> edges = new ArrayList<>();
			NodeList edgeElements = document.getElementsByTagNameNS("*", "edge");
			for (int i = 0; i < edgeElements.getLength(); i++) {
				Element edge = (Element) edgeElements.item(i);
				edges.add(edge.getAttribute("source") + "->" + edge.getAttribute("target"));
			}
			assertThat(edges).containsExactlyInAnyOrder(this.a + "->" + this.b, this.b + "->" + this.c,
					this.d + "->" + this.b);
			Element graph = (Element) document.getElementsByTagNameNS("*", "graph").item(0);
			assertThat(graph.getAttribute("edgedefault")).isEqualTo("directed");
		}
	}

	@Test
	void dotHasTheEdgesAndEscapedLabels() throws Exception {
		for (HttpResponse<String> response : List.of(get("/api/v1/graph?paperId=" + this.b, "text/vnd.graphviz"),
				get("/api/v1/graph?paperId=" + this.b + "&format=dot", "application/json"))) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/vnd.graphviz"));
			String dot = response.body();
			assertThat(dot).startsWith("digraph citations {\n").endsWith("}\n");
			assertThat(dot).contains("  \"" + this.a + "\" -> \"" + this.b + "\";\n",
					"  \"" + this.b + "\" -> \"" + this.c + "\";\n", "  \"" + this.d + "\" -> \"" + this.b + "\";\n");
			assertThat(dot.lines().filter((line) -> line.contains("->"))).hasSize(3);
			assertThat(dot).contains("  \"" + this.b + "\" [label=\"Quotes \\\"q\\\" & <tags> 'apostrophes'"
					+ "\\nsecond line \\\\ backslash  bell Ψ (2010)\", year=2010];\n");
			// Every statement is on one line with its quotes balanced: no title broke
			// out.
			Pattern quoted = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
			Pattern statement = Pattern
				.compile("  (?:Q(?: -> Q)?(?: \\[label=Q(?:, year=\\d+)?\\])?|node \\[shape=box\\]);");
			dot.lines()
				.skip(1)
				.filter((line) -> !line.equals("}"))
				.forEach(
						(line) -> assertThat(statement.matcher(quoted.matcher(line).replaceAll("Q")).matches()).as(line)
							.isTrue());
		}
	}

	@Test
	void theAcceptHeaderChoosesByQualityAndJsonIsTheDefault() throws Exception {
		String path = "/api/v1/graph?paperId=" + this.c;
		assertThat(get(path, "application/json;q=0.5, text/vnd.graphviz").headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/vnd.graphviz"));
		assertThat(get(path, "*/*").headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<String> json = get(path, null);
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode graph = this.json.readTree(json.body());
		assertThat(graph.get("nodes")).hasSize(2);
		assertThat(graph.get("nodes").get(0).get("inLibrary").asBoolean()).isTrue();
		assertThat(graph.get("truncated").asBoolean()).isFalse();
		assertThat(get(path, "application/xml").statusCode()).isEqualTo(406);
	}

	@Test
	void badInputIs400NamingTheParameterAndAnUnknownPaper404() throws Exception {
		for (String query : List.of("depth=0", "depth=4", "limit=0", "limit=2001", "format=xml", "paperId=nope")) {
			HttpResponse<String> response = get("/api/v1/graph?" + query, null);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).as(query).contains(query.substring(0, query.indexOf('=')));
		}
		assertThatThrownBy(() -> this.client.around(UUID.randomUUID(), 1, 10))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
		HttpResponse<String> unknownAsGraphMl = get("/api/v1/graph?paperId=" + UUID.randomUUID(),
				"application/graphml+xml");
		assertThat(unknownAsGraphMl.statusCode()).isEqualTo(404);
		assertThat(unknownAsGraphMl.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/graph"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void theOpenApiDocumentOffersTheThreeRepresentations() throws Exception {
		// The first request builds the document: slow on a busy machine.
		String body = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/openapi.json"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		JsonNode document = this.json.readTree(body);
		JsonNode content = document.get("paths")
			.get("/api/v1/graph")
			.get("get")
			.get("responses")
			.get("200")
			.get("content");
		assertThat(content.propertyNames()).contains("application/json", "application/graphml+xml",
				"text/vnd.graphviz");
		assertThat(content.get("application/json").get("schema").get("$ref").asString()).endsWith("/CitationGraph");
		assertThat(document.get("paths").get("/api/v1/graph").get("get").get("parameters"))
			.extracting((parameter) -> parameter.get("name").asString())
			.containsExactly("paperId", "depth", "limit", "format");
		assertThat(document.get("paths").propertyNames()).contains("/api/v1/tags", "/api/v1/tags/{id}",
				"/api/v1/tags/{id}/merge", "/api/v1/papers/{paperId}/tags", "/api/v1/papers/{paperId}/tags/{name}",
				"/api/v1/research-queries", "/api/v1/research-queries/{id}", "/api/v1/research-queries/{id}/last-run");
		JsonNode rename = document.get("paths").get("/api/v1/tags/{id}").get("patch").get("responses");
		assertThat(rename.propertyNames()).contains("200", "400", "404", "409");
		assertThat(rename.get("409").get("content").propertyNames()).contains("application/problem+json");
		JsonNode create = document.get("paths").get("/api/v1/research-queries").get("post").get("responses");
		assertThat(create.propertyNames()).contains("201", "400", "409");
		assertThat(document.get("paths")
			.get("/api/v1/research-queries/{id}")
			.get("delete")
			.get("responses")
			.propertyNames()).contains("204", "404");
	}

	private Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(10));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
