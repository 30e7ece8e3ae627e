package dev.thoth.api.tags;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.thoth.api.support.ApiRequests;
import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperTagView;
import dev.thoth.clients.api.TagMerge;
import dev.thoth.clients.api.TagRename;
import dev.thoth.clients.api.TagView;
import dev.thoth.clients.api.TagsClient;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tags over real HTTP on a real database, through the typed client where the request is
 * well formed and raw HTTP where it is not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class TagsApiTests {

	static final String KEY = "tags-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, ApiTestSettings.SHARED_WORKSPACE, PORT);
	}

	@Autowired
	TagsClient client;

	@Autowired
	PaperRepository papers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	CacheManager caches;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Paper paper(String title) {
		Paper paper = new Paper(HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 64));
		paper.describe(title, List.of("Grace Hopper"), 1959);
		return this.papers.save(paper);
	}

	private TagView tagNamed(String name) {
		return this.client.list(name, 0, 50)
			.items()
			.stream()
			.filter((tag) -> tag.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void taggingNormalisesTheNameCreatesTheTagOnceAndIsIdempotent() {
		Paper paper = paper("Compilers");
		PaperTagView first = this.client.tag(paper.getId(), "  Programming \t Languages ");
		assertThat(first.name()).isEqualTo("programming languages");
		assertThat(first.source()).isEqualTo("user");
		PaperTagView again = this.client.tag(paper.getId(), "programming languages");
		assertThat(again.id()).isEqualTo(first.id());

		PageResponse<PaperTagView> tags = this.client.tagsOf(paper.getId(), 0, 10);
		assertThat(tags.items()).containsExactly(new PaperTagView(first.id(), "programming languages", "user"));
		assertThat(tags.totalItems()).isEqualTo(1);
		assertThat(tagNamed("programming languages").paperCount()).isEqualTo(1);
	}

	@Test
	void theListIsPagedByNameWithPaperCountsAndAPrefixThatIsText() {
		Paper one = paper("One");
		Paper two = paper("Two");
		this.client.tag(one.getId(), "prefix-b");
		this.client.tag(two.getId(), "prefix-b");
		this.client.tag(one.getId(), "prefix-a");
		this.client.tag(one.getId(), "a_b");
		this.client.tag(one.getId(), "axb");

		PageResponse<TagView> prefixed = this.client.list("PREFIX-", 0, 10);
		assertThat(prefixed.items()).extracting(TagView::name).containsExactly("prefix-a", "prefix-b");
		assertThat(prefixed.items()).extracting(TagView::paperCount).containsExactly(1L, 2L);

		PageResponse<TagView> firstPage = this.client.list("prefix-", 0, 1);
		assertThat(firstPage.items()).extracting(TagView::name).containsExactly("prefix-a");
		assertThat(firstPage.totalItems()).isEqualTo(2);
		assertThat(firstPage.totalPages()).isEqualTo(2);
		assertThat(this.client.list("prefix-", 1, 1).items()).extracting(TagView::name).containsExactly("prefix-b");

		// LIKE's wildcards are characters like any other.
		assertThat(this.client.list("a_", 0, 10).items()).extracting(TagView::name).containsExactly("a_b");
		assertThat(this.client.list("a%", 0, 10).items()).isEmpty();
		assertThat(this.client.list("a", 0, 10).items()).extracting(TagView::name).contains("a_b", "axb");
	}

	@Test
	void aTagNoPaperCarriesIsListedOnlyWhenAskedFor() {
		Paper paper = paper("Lonely");
		this.client.tag(paper.getId(), "empty-soon");
		this.client.tag(paper.getId(), "empty-kept");
		this.client.untag(paper.getId(), "empty-soon");

		assertThat(this.client.list("empty-", 0, 10).items()).extracting(TagView::name).containsExactly("empty-kept");
		assertThat(this.client.list("empty-", true, 0, 10).items()).extracting(TagView::name, TagView::paperCount)
			.containsExactly(tuple("empty-kept", 1L), tuple("empty-soon", 0L));
	}

	@Test
	void renamingNormalisesAndToAnotherTagsNameIsA409ThatSuggestsMerging() throws Exception {
		Paper paper = paper("Renamed");
		UUID id = this.client.tag(paper.getId(), "nlp").id();
		UUID other = this.client.tag(paper.getId(), "linguistics").id();

		TagView renamed = this.client.rename(id, new TagRename(" Natural  Language Processing"));
		assertThat(renamed).isEqualTo(new TagView(id, "natural language processing", 1));
		assertThat(this.client.get(id).name()).isEqualTo("natural language processing");
		// The same name again is no change.
		assertThat(this.client.rename(id, new TagRename("natural language processing")).id()).isEqualTo(id);

		HttpResponse<String> taken = send("PATCH", "/api/v1/tags/" + id, "{\"name\": \"Linguistics\"}");
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(taken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(taken.body());
		assertThat(problem.get("existingTagId").asString()).isEqualTo(other.toString());
		assertThat(problem.get("detail").asString()).contains("merge", "/api/v1/tags/" + id + "/merge");
	}

	@Test
	void invalidNamesAre400ProblemsNamingTheField() throws Exception {
		Paper paper = paper("Invalid names");
		UUID id = this.client.tag(paper.getId(), "valid").id();
		for (String body : List.of("{\"name\": \"a,b\"}", "{\"name\": \"a\\\\b\"}", "{\"name\": \"a/b\"}",
				"{\"name\": \"'; drop table tags; --\"}", "{\"name\": \"100%\"}", "{\"name\": \"..\"}",
				"{\"name\": \"   \"}", "{\"name\": \"a\\u0007b\"}", "{\"name\": \"zero\\u200bwidth\"}",
				"{\"name\": \"" + "x".repeat(101) + "\"}", "{}", "{\"name\": null}")) {
			HttpResponse<String> response = send("PATCH", "/api/v1/tags/" + id, body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("detail").asString()).as(body).startsWith("name: ");
			assertThat(problem.get("errors").get(0).get("field").asString()).as(body).isEqualTo("name");
		}
		assertThat(this.client.get(id).name()).isEqualTo("valid");
		// Exactly 100 characters is allowed; the same rules hold when tagging.
		assertThat(this.client.rename(id, new TagRename("y".repeat(100))).name()).hasSize(100);
		HttpResponse<String> comma = send("PUT", "/api/v1/papers/" + paper.getId() + "/tags/" + encode("a, b"), null);
		assertThat(comma.statusCode()).isEqualTo(400);
		assertThat(comma.body()).contains("\"field\":\"name\"");
	}

	@Test
	void mergingMovesThePapersOnceAndDeletesTheMergedTag() {
		Paper onlyMl = paper("Only ml");
		Paper onlyLong = paper("Only the long name");
		Paper both = paper("Both");
		UUID ml = this.client.tag(onlyMl.getId(), "ml").id();
		this.client.tag(both.getId(), "ml");
		UUID machineLearning = this.client.tag(onlyLong.getId(), "machine learning").id();
		this.client.tag(both.getId(), "machine learning");

		TagView merged = this.client.merge(ml, new TagMerge(machineLearning));
		assertThat(merged).isEqualTo(new TagView(machineLearning, "machine learning", 3));
		assertThatThrownBy(() -> this.client.get(ml)).isInstanceOf(HttpClientErrorException.NotFound.class);
		assertThat(this.client.tagsOf(both.getId(), 0, 10).items()).extracting(PaperTagView::name)
			.containsExactly("machine learning");
		assertThat(this.client.tagsOf(onlyMl.getId(), 0, 10).items()).extracting(PaperTagView::name)
			.containsExactly("machine learning");
	}

	@Test
	void mergingIntoItselfOrAnUnknownTagIsRefused() throws Exception {
		Paper paper = paper("Merge errors");
		UUID id = this.client.tag(paper.getId(), "merge-errors").id();
		HttpResponse<String> itself = send("POST", "/api/v1/tags/" + id + "/merge", "{\"into\": \"" + id + "\"}");
		assertThat(itself.statusCode()).isEqualTo(400);
		assertThat(itself.body()).contains("\"field\":\"into\"");
		HttpResponse<String> missingInto = send("POST", "/api/v1/tags/" + id + "/merge", "{}");
		assertThat(missingInto.statusCode()).isEqualTo(400);
		assertThat(missingInto.body()).contains("into");
		HttpResponse<String> notAnId = send("POST", "/api/v1/tags/" + id + "/merge", "{\"into\": \"nope\"}");
		assertThat(notAnId.statusCode()).isEqualTo(400);
		HttpResponse<String> unknownInto = send("POST", "/api/v1/tags/" + id + "/merge",
				"{\"into\": \"" + UUID.randomUUID() + "\"}");
		assertThat(unknownInto.statusCode()).isEqualTo(404);
		assertThat(unknownInto.body()).contains("into");
		HttpResponse<String> unknownTag = send("POST", "/api/v1/tags/" + UUID.randomUUID() + "/merge",
				"{\"into\": \"" + id + "\"}");
		assertThat(unknownTag.statusCode()).isEqualTo(404);
		assertThat(this.client.get(id).paperCount()).isEqualTo(1);
	}

	@Test
	void deletingATagUntagsItsPapersAndKeepsThem() {
		Paper paper = paper("Deleted tag");
		UUID id = this.client.tag(paper.getId(), "short-lived").id();
		this.client.delete(id);
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).items()).isEmpty();
		assertThat(this.papers.findById(paper.getId())).isPresent();
		assertThatThrownBy(() -> this.client.delete(id)).isInstanceOf(HttpClientErrorException.NotFound.class);
	}

	@Test
	void untaggingRemovesTheTagFromThePaperOnlyAndTwiceIsA404() {
		Paper paper = paper("Untagged");
		Paper other = paper("Still tagged");
		this.client.tag(paper.getId(), "Graph Theory");
		this.client.tag(other.getId(), "graph theory");
		this.client.untag(paper.getId(), " GRAPH  theory ");
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).items()).isEmpty();
		assertThat(tagNamed("graph theory").paperCount()).isEqualTo(1);
		assertThatThrownBy(() -> this.client.untag(paper.getId(), "graph theory"))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
	}

	@Test
	void unknownPapersAndTagsAre404ProblemsAndMalformedIds400() throws Exception {
		UUID nobody = UUID.randomUUID();
		for (String[] request : List.of(new String[] { "GET", "/api/v1/papers/" + nobody + "/tags" },
				new String[] { "PUT", "/api/v1/papers/" + nobody + "/tags/anything" },
				new String[] { "DELETE", "/api/v1/papers/" + nobody + "/tags/anything" },
				new String[] { "GET", "/api/v1/tags/" + nobody },
				new String[] { "DELETE", "/api/v1/tags/" + nobody })) {
			HttpResponse<String> response = send(request[0], request[1], null);
			assertThat(response.statusCode()).as(request[1]).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		HttpResponse<String> rename = send("PATCH", "/api/v1/tags/" + nobody, "{\"name\": \"fine\"}");
		assertThat(rename.statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/v1/tags/not-a-uuid", null).statusCode()).isEqualTo(400);
		assertThat(send("PUT", "/api/v1/papers/not-a-uuid/tags/x", null).statusCode()).isEqualTo(400);
		HttpResponse<String> size = send("GET", "/api/v1/tags?size=501", null);
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("size");
		assertThat(send("GET", "/api/v1/tags?page=-1", null).body()).contains("page");
	}

	@Test
	void injectionIsJustText() {
		Paper paper = paper("Bobby Tables");
		List<String> hostile = List.of("' or 1=1 --", "x' or '1'='1", "robert\") union select * from papers --",
				"<script>alert(1)<\u2215script>", "?a=1&b=2#frag +plus .. 'quoted'");
		for (String name : hostile) {
			assertThat(this.client.tag(paper.getId(), name).name()).isEqualTo(name);
		}
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).items()).extracting(PaperTagView::name)
			.containsExactlyInAnyOrderElementsOf(hostile);
		assertThat(this.client.list("x' or", 0, 10).items()).extracting(TagView::name).containsExactly("x' or '1'='1");
		this.client.untag(paper.getId(), "' or 1=1 --");
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).totalItems()).isEqualTo(hostile.size() - 1);
		assertThat(this.papers.count()).isPositive();
	}

	@Test
	void theAnalysisTagsArePaperTagsWithTheirSourceAndTaggingOneMakesItTheUsers() {
		Paper paper = paper("Analysed");
		this.jdbc.sql("""
				insert into paper_analyses (paper_id, analyzer, summary, tags)
				values (:paper, 'offline', 'A summary.', '{"Category Theory", "functors"}')
				""").param("paper", paper.getId()).update();
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).items())
			.extracting((tag) -> tag.name() + "=" + tag.source())
			.containsExactly("category theory=analysis", "functors=analysis");
		assertThat(this.client.tag(paper.getId(), "Functors").source()).isEqualTo("user");
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).items())
			.extracting((tag) -> tag.name() + "=" + tag.source())
			.containsExactly("category theory=analysis", "functors=user");
	}

	@Test
	void changingTagsEmptiesTheSearchCacheSinceSearchesFilterByTag() {
		Paper paper = paper("Cached");
		Cache searches = this.caches.getCache("searches");
		searches.put("a cached search", "its results");
		this.client.tag(paper.getId(), "fresh");
		assertThat(searches.get("a cached search")).isNull();
		searches.put("a cached search", "its results");
		this.client.untag(paper.getId(), "fresh");
		assertThat(searches.get("a cached search")).isNull();
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		Paper paper = paper("Locked");
		for (String[] request : List.of(new String[] { "GET", "/api/v1/tags" },
				new String[] { "PUT", "/api/v1/papers/" + paper.getId() + "/tags/secret" },
				new String[] { "GET", "/api/v1/papers/" + paper.getId() + "/tags" })) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + request[1]))
					.method(request[0], HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(request[1]).isEqualTo(401);
		}
		assertThat(this.client.tagsOf(paper.getId(), 0, 10).items()).isEmpty();
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		return ApiRequests.send(this.http, PORT, KEY, method, path, json);
	}

}
