package dev.thoth.mcp.ingestion;

import dev.thoth.clients.discovery.PaperImport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** add_paper tells workspace paths from what the discovery service fetches. */
class AddPaperSourceTests {

	@Test
	void doisInEveryCommonSpellingAreDois() {
		assertThat(IngestionTools.remote("10.1088/1475-7516/2008/10/003"))
			.isEqualTo(PaperImport.ofDoi("10.1088/1475-7516/2008/10/003"));
		assertThat(IngestionTools.remote("doi:10.1000/xyz123")).isEqualTo(PaperImport.ofDoi("10.1000/xyz123"));
		assertThat(IngestionTools.remote("https://doi.org/10.1000/xyz123"))
			.isEqualTo(PaperImport.ofDoi("10.1000/xyz123"));
		assertThat(IngestionTools.remote("http://dx.doi.org/10.1000/xyz123"))
			.isEqualTo(PaperImport.ofDoi("10.1000/xyz123"));
	}

	@Test
	void arxivIdsNewStyleBareOldStyleOnlyWithThePrefix() {
		assertThat(IngestionTools.remote("2301.01234")).isEqualTo(PaperImport.ofArxivId("2301.01234"));
		assertThat(IngestionTools.remote("arXiv:0807.3577v3")).isEqualTo(PaperImport.ofArxivId("0807.3577v3"));
		assertThat(IngestionTools.remote("arxiv:hep-th/9901001")).isEqualTo(PaperImport.ofArxivId("hep-th/9901001"));
		assertThat(IngestionTools.remote("hep-th/9901001")).as("a workspace path").isNull();
	}

	@Test
	void urlsOfAnySchemeGoToTheDownloaderWhichRefusesAllButHttps() {
		assertThat(IngestionTools.remote("https://example.org/paper.pdf"))
			.isEqualTo(PaperImport.ofUrl("https://example.org/paper.pdf"));
		assertThat(IngestionTools.remote("http://127.0.0.1/paper.pdf"))
			.isEqualTo(PaperImport.ofUrl("http://127.0.0.1/paper.pdf"));
		assertThat(IngestionTools.remote("file:///etc/passwd")).isEqualTo(PaperImport.ofUrl("file:///etc/passwd"));
	}

	@Test
	void workspacePathsStayPaths() {
		assertThat(IngestionTools.remote("incoming/smith-2021.pdf")).isNull();
		assertThat(IngestionTools.remote("2021/10.5/paper.pdf")).isNull();
		assertThat(IngestionTools.remote("../../etc/passwd.pdf")).isNull();
	}

}
