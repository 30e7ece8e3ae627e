package dev.thoth.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The stack test's replayed paper sources, run in a test: its stubs
 * (docker/standins/paper-sources/mappings) over the discovery service's fixtures, their
 * PDF links pointed at this server, which serves a corpus PDF for each.
 */
public final class PaperSources {

	static final Path FIXTURES = Launcher.ROOT.resolve("discovery-service/src/test/resources/sources");

	private PaperSources() {
	}

	public static WireMockServer replay(Path root) throws Exception {
		Path mappings = Files.createDirectories(root.resolve("mappings"));
		try (Stream<Path> files = Files.list(Launcher.ROOT.resolve("docker/standins/paper-sources/mappings"))) {
			for (Path mapping : files.toList()) {
				Files.copy(mapping, mappings.resolve(mapping.getFileName()));
			}
		}
		WireMockServer server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(root.toString()));
		server.start();
		Path bodies = root.resolve("__files");
		for (String source : List.of("arxiv", "semantic-scholar", "pubmed", "crossref", "openalex", "biorxiv")) {
			Path folder = Files.createDirectories(bodies.resolve(source));
			try (Stream<Path> files = Files.list(FIXTURES.resolve(source))) {
				for (Path fixture : files.toList()) {
					Files.writeString(folder.resolve(fixture.getFileName()), Files.readString(fixture)
						.replaceAll("https?://arxiv\\.org/pdf/", server.baseUrl() + "/pdf/"));
				}
			}
		}
		Files.copy(Path.of(System.getProperty("thoth.corpus", "../../shared/corpus")).resolve("pdfs/0807.3577.pdf"),
				bodies.resolve("paper.pdf"));
		return server;
	}

}
