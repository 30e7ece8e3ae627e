package dev.thoth.agent.memory;

import java.util.Map;

import dev.thoth.platform.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memory settings: a bad one stops start-up with a line naming it. */
class MemoryPropertiesTests {

	static final MemoryProperties.Letta LETTA = new MemoryProperties.Letta("thoth-memory", "", "");

	@Test
	void aBlockHasTheDefaultLimitOrItsOwn() {
		MemoryProperties properties = new MemoryProperties(5000, Map.of("key_findings", 20000), LETTA);
		assertThat(properties.limitOf("human")).isEqualTo(5000);
		assertThat(properties.limitOf("key_findings")).isEqualTo(20000);
	}

	@Test
	void aLimitOutOfRangeOrForNoBlockIsRefused() {
		assertThatThrownBy(() -> new MemoryProperties(50, Map.of(), LETTA))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("THOTH_MEMORY_BLOCK_LIMIT: must be between 100 and 100000 characters, not 50");
		assertThatThrownBy(() -> new MemoryProperties(5000, Map.of("hobbies", 500), LETTA))
			.hasMessageContaining("thoth.agent.memory.limits.hobbies")
			.hasMessageContaining("human, persona, research_focus, key_findings");
		assertThatThrownBy(() -> new MemoryProperties(5000, Map.of("human", 1_000_000), LETTA))
			.hasMessageContaining("thoth.agent.memory.limits.human");
		assertThatThrownBy(() -> new MemoryProperties.Letta("my agent; drop", "", ""))
			.hasMessageContaining("THOTH_LETTA_AGENT_NAME");
	}

}
