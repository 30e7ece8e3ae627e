package dev.thoth.agent.memory;

import java.util.List;
import java.util.Map;

import dev.thoth.platform.config.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent's memory settings.
 *
 * @param blockLimit characters a core memory block may hold (THOTH_MEMORY_BLOCK_LIMIT)
 * @param limits a different limit for some blocks, by label
 * (thoth.agent.memory.limits.key_findings)
 * @param letta the Letta agent that holds the memory when THOTH_LETTA_URL is set
 */
@ConfigurationProperties("thoth.agent.memory")
public record MemoryProperties(@DefaultValue("5000") int blockLimit, @DefaultValue Map<String, Integer> limits,
		@DefaultValue Letta letta) {

	/** The core memory blocks, in the order they are shown. */
	public static final List<String> LABELS = List.of("human", "persona", "research_focus", "key_findings");

	static final int MIN_LIMIT = 100;

	static final int MAX_LIMIT = 100_000;

	public MemoryProperties {
		check("THOTH_MEMORY_BLOCK_LIMIT", blockLimit);
		for (Map.Entry<String, Integer> limit : limits.entrySet()) {
			if (!LABELS.contains(limit.getKey())) {
				throw new InvalidConfigurationException("thoth.agent.memory.limits." + limit.getKey(),
						"no such memory block; the blocks are " + String.join(", ", LABELS));
			}
			check("thoth.agent.memory.limits." + limit.getKey(), (limit.getValue() != null) ? limit.getValue() : 0);
		}
	}

	private static void check(String name, int limit) {
		if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
			throw new InvalidConfigurationException(name,
					"must be between " + MIN_LIMIT + " and " + MAX_LIMIT + " characters, not " + limit);
		}
	}

	/** The characters the block may hold. */
	public int limitOf(String label) {
		return this.limits.getOrDefault(label, this.blockLimit);
	}

	/**
	 * @param agentName the Letta agent whose memory Thoth uses, created on first use
	 * (THOTH_LETTA_AGENT_NAME)
	 * @param model the model handle Letta creates it with, such as
	 * {@code openai/gpt-4o-mini} (THOTH_LETTA_MODEL; empty: the server's default)
	 * @param embedding its embedding handle (THOTH_LETTA_EMBEDDING; empty: the server's
	 * default)
	 */
	public record Letta(@DefaultValue("thoth-memory") String agentName, @DefaultValue("") String model,
			@DefaultValue("") String embedding) {

		public Letta {
			if (agentName == null || !agentName.matches("[A-Za-z0-9_.-]{1,100}")) {
				throw new InvalidConfigurationException("THOTH_LETTA_AGENT_NAME",
						"must be 1 to 100 letters, digits, '.', '_' or '-'");
			}
		}

	}

}
