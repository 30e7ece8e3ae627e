package dev.thoth.mcp.server;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UriTemplatesTests {

	private final UriTemplates templates = new UriTemplates();

	@Test
	void aQueryExpressionIsOptional() {
		McpUriTemplateManager text = this.templates.create("thoth://papers/{id}/text{?pages}");
		assertThat(text.matches("thoth://papers/abc/text")).isTrue();
		assertThat(text.matches("thoth://papers/abc/text?pages=2-5")).isTrue();
		assertThat(text.matches("thoth://papers/abc/note")).isFalse();
		assertThat(text.matches("thoth://papers/abc/def/text")).isFalse();
		assertThat(text.extractVariableValues("thoth://papers/abc/text?pages=2-5")).containsEntry("id", "abc")
			.containsEntry("?pages", "2-5");
		assertThat(text.extractVariableValues("thoth://papers/abc/text")).containsOnlyKeys("id");
		assertThat(text.getVariableNames()).containsExactly("id", "?pages");
	}

	@Test
	void aPathVariableIsOneSegmentAndAPlainUriMatchesItself() {
		McpUriTemplateManager paper = this.templates.create("thoth://papers/{id}");
		assertThat(paper.matches("thoth://papers/abc")).isTrue();
		assertThat(paper.matches("thoth://papers/abc/note")).isFalse();
		assertThat(paper.matches("thoth://papers/abc?x=1")).isFalse();
		assertThat(paper.extractVariableValues("thoth://papers/a%20b")).containsEntry("id", "a b");
		McpUriTemplateManager stats = this.templates.create("thoth://library/stats");
		assertThat(stats.matches("thoth://library/stats")).isTrue();
		assertThat(stats.matches("thoth://library/stats2")).isFalse();
	}

}
