package dev.thoth.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/backup and scripts/restore on the local run: a library of two corpus papers
 * with a tag (which reaches its paper's note through the API's change event and the PDF
 * monitor), backed up while the services run, wiped (database and workspace gone,
 * {@code ./thoth up} shows an empty library), and restored: the same papers, notes, tags,
 * PDFs and search results come back. A damaged backup, and a restore while the services
 * still run, are refused without changing anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {

	@TempDir
	static Path temp;

	static Launcher launcher;

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	static final List<String> PDFS = List.of("sample.pdf", "gadr.pdf");

	static final String TAG = "backup-check";

	/** What the library looked like before the backup, by paper id. */
	static final Map<String, String> paperBodies = new LinkedHashMap<>();

	static final Map<String, String> notes = new LinkedHashMap<>();

	static final Map<String, String> paperTags = new LinkedHashMap<>();

	static final Map<String, Integer> pdfSizes = new LinkedHashMap<>();

	static String tagList;

	static String searchQuery;

	static String searchFirstPaper;

	static List<String> lexicalHits;

	static List<String> semanticHits;

	static Path backup;

	@BeforeAll
	static void upWithTwoTaggedPapers() throws Exception {
		launcher = new Launcher(temp);
		// The services go up and down four times: no AOT cache to record on each way out.
		launcher.environment.put("THOTH_AOT", "0");
		// Four starts on a shared 2-core machine: give each one time, within Launcher's 6
		// minutes.
		launcher.environment.put("THOTH_START_TIMEOUT", "300");
		Launcher.Result up = launcher.run("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		Path inbox = launcher.workspace.resolve("inbox");
		for (String pdf : PDFS) {
			Files.copy(CORPUS.resolve("pdfs").resolve(pdf), inbox.resolve(pdf));
		}
		List<JsonNode> papers = List.of();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			papers = readyPapers();
			boolean inboxEmpty;
			try (Stream<Path> left = Files.list(inbox)) {
				inboxEmpty = left.findAny().isEmpty();
			}
			if (papers.size() == PDFS.size() && inboxEmpty) {
				break;
			}
			Thread.sleep(1000);
		}
		assertThat(papers).hasSize(PDFS.size());
		String tagged = papers.get(0).get("id").asString();
		HttpResponse<String> tag = send(
				request("/api/v1/papers/" + tagged + "/tags/" + TAG).PUT(HttpRequest.BodyPublishers.noBody()).build());
		assertThat(tag.statusCode()).as(tag.body()).isEqualTo(200);
		// The API announces the change; the PDF monitor writes the paper's note again,
		// with the tag in its front matter.
		long noted = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!api("/api/v1/papers/" + tagged + "/note").contains("\n  - \"" + TAG + "\"\n")
				&& System.nanoTime() < noted) {
			Thread.sleep(500);
		}
		recordLibrary(papers);
		assertThat(notes.get(tagged)).as("the tag reached the note").contains("\n  - \"" + TAG + "\"\n");
		assertThat(paperTags.get(tagged)).contains("\"" + TAG + "\"");
		JsonNode searched = papers.get(1);
		searchQuery = searched.get("title").asString();
		searchFirstPaper = searched.get("id").asString();
		assertThat(firstHit(searchQuery)).isEqualTo(searchFirstPaper);
		lexicalHits = hits(searchQuery, "lexical");
		semanticHits = hits(searchQuery, "semantic");
		assertThat(lexicalHits).isNotEmpty();
		assertThat(semanticHits).isNotEmpty();
	}

	@AfterAll
	static void down() throws Exception {
		if (launcher != null) {
			launcher.run("down");
		}
	}

	@Test
	@Order(1)
	void backupWhileRunningHoldsEveryPartPrivatelyWithItsChecksums() throws Exception {
		Path out = temp.resolve("backups");
		Launcher.Result result = script("backup", "--out", out.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		// stdout is the backup's path alone (progress goes to stderr, merged here).
		backup = result.output()
			.lines()
			.filter((line) -> line.startsWith(out + "/"))
			.map(Path::of)
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no backup path in:\n" + result.output()));
		assertThat(backup.getParent()).isEqualTo(out);
		assertThat(backup.getFileName().toString()).matches("thoth-backup-\\d{8}T\\d{6}Z");
		assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		List<String> files;
		try (Stream<Path> listed = Files.list(backup)) {
			files = listed.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		assertThat(files).containsExactly("SHA256SUMS", "manifest.json", "postgres.dump", "workspace.tar.gz");
		for (String file : files) {
			Set<PosixFilePermission> mode = Files.getPosixFilePermissions(backup.resolve(file));
			assertThat(mode).as(file).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		JsonNode manifest = json.readTree(Files.readString(backup.resolve("manifest.json")));
		assertThat(manifest.get("papers").asInt()).isEqualTo(PDFS.size());
		assertThat(manifest.get("postgres_major").asInt()).isPositive();
		assertThat(manifest.get("workspace_dir").asString()).isEqualTo(launcher.workspace.toString());
		assertThat(manifest.get("git_commit").asString()).matches("[0-9a-f]{40}");
		List<String> parts = new ArrayList<>();
		manifest.get("contents").forEach((part) -> parts.add(part.get("part").asString()));
		assertThat(parts).containsExactly("postgres", "workspace");
		Process check = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS").directory(backup.toFile())
			.redirectErrorStream(true)
			.start();
		assertThat(check.waitFor()).as(new String(check.getInputStream().readAllBytes())).isZero();
		assertNoSecretIn(result.output() + Files.readString(backup.resolve("manifest.json")));
	}

	@Test
	@Order(2)
	void wipingTheDatabaseAndWorkspaceLeavesAnEmptyLibrary() throws Exception {
		Launcher.Result down = launcher.run("down");
		assertThat(down.exitCode()).as(down.output()).isZero();
		Path pgHome = launcher.state;
		Path relocated = launcher.state.resolve("postgres-home");
		if (Files.exists(relocated)) {
			pgHome = Path.of(Files.readString(relocated).strip());
		}
		assertThat(pgHome.resolve("postgres/PG_VERSION")).exists();
		deleteTree(pgHome.resolve("postgres"));
		deleteTree(launcher.workspace);
		Launcher.Result up = launcher.run("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		assertThat(up.output()).contains("Creating the embedded PostgreSQL database");
		assertLibraryIsEmpty();
	}

	@Test
	@Order(3)
	void aDamagedBackupIsRefusedAndChangesNothing() throws Exception {
		Path damaged = temp.resolve("damaged");
		Files.createDirectories(damaged);
		try (Stream<Path> files = Files.list(backup)) {
			for (Path file : files.toList()) {
				Files.copy(file, damaged.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		byte[] dump = Files.readAllBytes(damaged.resolve("postgres.dump"));
		dump[dump.length / 2] ^= 0x5a;
		Files.write(damaged.resolve("postgres.dump"), dump);
		Path marker = Files.writeString(Files.createDirectories(launcher.workspace.resolve("notes")).resolve("mine.md"),
				"kept");

		Launcher.Result result = script("restore", damaged.toString());

		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("damaged, nothing was restored")
			.contains("checksum mismatch")
			.contains("postgres.dump");
		assertThat(marker).hasContent("kept");
		assertLibraryIsEmpty();
		Files.delete(marker);
	}

	@Test
	@Order(4)
	void restoringWhileTheServicesRunIsRefused() throws Exception {
		Launcher.Result result = script("restore", backup.toString());
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("refusing to restore").contains("./thoth down");
		assertLibraryIsEmpty();
	}

	@Test
	@Order(5)
	void restoreBringsBackTheSamePapersNotesTagsAndSearch() throws Exception {
		Launcher.Result down = launcher.run("down");
		assertThat(down.exitCode()).as(down.output()).isZero();

		Launcher.Result restore = script("restore", backup.toString());
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		assertThat(restore.output()).contains("Checksums verified").contains("Restored ").contains("2 papers");
		assertNoSecretIn(restore.output());

		Launcher.Result up = launcher.run("up");
		assertThat(up.exitCode()).as(up.output()).isZero();
		List<JsonNode> papers = readyPapers();
		assertThat(papers).hasSize(PDFS.size());
		for (JsonNode paper : papers) {
			String id = paper.get("id").asString();
			assertThat(paperBodies).containsKey(id);
			assertThat(api("/api/v1/papers/" + id)).isEqualTo(paperBodies.get(id));
			assertThat(api("/api/v1/papers/" + id + "/note")).isEqualTo(notes.get(id));
			assertThat(api("/api/v1/papers/" + id + "/tags")).isEqualTo(paperTags.get(id));
			HttpResponse<byte[]> pdf = http.send(request("/api/v1/papers/" + id + "/pdf").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(pdf.statusCode()).isEqualTo(200);
			assertThat(pdf.body()).hasSize(pdfSizes.get(id));
		}
		assertThat(api("/api/v1/tags")).isEqualTo(tagList);
		// The embedded vector index (chunks, embeddings, full-text index) lives in
		// PostgreSQL, so the dump brings it back: the same passages, in the same order.
		assertThat(firstHit(searchQuery)).isEqualTo(searchFirstPaper);
		assertThat(hits(searchQuery, "lexical")).isEqualTo(lexicalHits);
		assertThat(hits(searchQuery, "semantic")).isEqualTo(semanticHits);
	}

	private static void recordLibrary(List<JsonNode> papers) throws Exception {
		for (JsonNode paper : papers) {
			String id = paper.get("id").asString();
			paperBodies.put(id, api("/api/v1/papers/" + id));
			notes.put(id, api("/api/v1/papers/" + id + "/note"));
			paperTags.put(id, api("/api/v1/papers/" + id + "/tags"));
			HttpResponse<byte[]> pdf = http.send(request("/api/v1/papers/" + id + "/pdf").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(pdf.statusCode()).isEqualTo(200);
			pdfSizes.put(id, pdf.body().length);
		}
		tagList = api("/api/v1/tags");
	}

	private static void assertLibraryIsEmpty() throws Exception {
		assertThat(json.readTree(api("/api/v1/papers?size=100")).get("totalItems").asInt()).isZero();
		assertThat(json.readTree(api("/api/v1/tags")).get("totalItems").asInt()).isZero();
		assertThat(hits(searchQuery, "lexical")).isEmpty();
	}

	private static String firstHit(String query) throws Exception {
		JsonNode hits = json.readTree(api("/api/v1/search?k=5&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
			.get("hits");
		assertThat(hits.isEmpty()).as(query).isFalse();
		return hits.get(0).get("paperId").asString();
	}

	/** Each hit as paper, page and passage, in rank order. */
	private static List<String> hits(String query, String mode) throws Exception {
		List<String> hits = new ArrayList<>();
		json.readTree(api("/api/v1/search?k=5&mode=" + mode + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
			.get("hits")
			.forEach((hit) -> hits.add(
					hit.get("paperId").asString() + " p" + hit.get("page").asInt() + " " + hit.get("text").asString()));
		return hits;
	}

	private static void assertNoSecretIn(String text) throws IOException {
		assertThat(text).doesNotContain(Files.readString(launcher.state.resolve("db-password")).strip())
			.doesNotContain(launcher.apiKey());
	}

	private static Launcher.Result script(String name, String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Launcher.ROOT.resolve("scripts").resolve(name).toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(Launcher.ROOT.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(launcher.environment);
		Path output = Files.createTempFile(temp, name + "-", ".out");
		builder.redirectOutput(output.toFile());
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(
					"scripts/" + name + " did not finish in 5 minutes:\n" + Files.readString(output));
		}
		return new Launcher.Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private static List<JsonNode> readyPapers() throws Exception {
		List<JsonNode> ready = new ArrayList<>();
		json.readTree(api("/api/v1/papers?size=100")).get("items").forEach((paper) -> {
			if ("READY".equals(paper.get("status").asString())) {
				ready.add(paper);
			}
		});
		return ready;
	}

	private static String api(String path) throws Exception {
		HttpResponse<String> response = send(request(path).GET().build());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String path) throws Exception {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launcher.ports.get("api") + path))
			.header("X-API-Key", launcher.apiKey())
			.timeout(Duration.ofSeconds(60));
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> all = Files.walk(root)) {
			for (Path path : all.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.delete(path);
			}
		}
	}

}
