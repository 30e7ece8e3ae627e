package dev.thoth.platform.config;

import java.util.List;
import java.util.Optional;

/**
 * The environment variables Thoth reads, and the {@code thoth.*} properties they set.
 * Secrets can also be given as a file, Docker-secrets style:
 * {@code X_FILE=/run/secrets/x}.
 */
public final class EnvironmentVariables {

	/**
	 * One variable: its name, the property it sets, its default, and whether it is a
	 * secret.
	 */
	public record Variable(String name, String property, String defaultValue, boolean secret) {
	}

	static final List<Variable> ALL = List.of(new Variable("THOTH_PRODUCTION", "thoth.production", "false", false),
			new Variable("THOTH_LOG_LEVEL", "thoth.log-level", "INFO", false),
			new Variable("THOTH_WORKSPACE_DIR", "thoth.workspace-dir", "${user.dir}/workspace", false),
			new Variable("THOTH_API_URL", "thoth.api.url", "http://localhost:8000", false),
			new Variable("THOTH_API_SECRET_KEY", "thoth.api.secret-key", "", true),
			new Variable("THOTH_CORS_ORIGINS", "thoth.cors.origins", "", false),
			new Variable("THOTH_REDIS_URL", "thoth.redis.url", "", false),
			new Variable("REDIS_PASSWORD", "thoth.redis.password", "", true),
			new Variable("THOTH_CHROMADB_URL", "thoth.chromadb.url", "", false),
			new Variable("THOTH_CHROMADB_TOKEN", "thoth.chromadb.token", "", true),
			new Variable("THOTH_LETTA_URL", "thoth.letta.url", "", false),
			new Variable("THOTH_LETTA_TOKEN", "thoth.letta.token", "", true),
			new Variable("THOTH_DATABASE_URL", "thoth.database.url", "", false),
			new Variable("THOTH_DATABASE_USER", "thoth.database.user", "thoth", false),
			new Variable("THOTH_DATABASE_PASSWORD", "thoth.database.password", "", true),
			new Variable("THOTH_LLM_PROVIDER", "thoth.llm.provider", "none", false),
			new Variable("THOTH_LLM_BASE_URL", "thoth.llm.base-url", "", false),
			new Variable("THOTH_LLM_MODEL", "thoth.llm.model", "", false),
			new Variable("OPENAI_API_KEY", "thoth.llm.openai-api-key", "", true),
			new Variable("ANTHROPIC_API_KEY", "thoth.llm.anthropic-api-key", "", true),
			new Variable("SEMANTIC_SCHOLAR_API_KEY", "thoth.sources.semantic-scholar-api-key", "", true),
			new Variable("OPENALEX_API_KEY", "thoth.sources.openalex-api-key", "", true),
			new Variable("PUBMED_API_KEY", "thoth.sources.pubmed-api-key", "", true),
			new Variable("WEB_SEARCH_API_KEY", "thoth.sources.web-search-api-key", "", true),
			new Variable("THOTH_MCP_URL", "thoth.agent.mcp-url", "http://localhost:8001", false),
			new Variable("THOTH_AGENT_MAX_STEPS", "thoth.agent.max-steps", "8", false),
			new Variable("THOTH_AGENT_TOKEN_BUDGET", "thoth.agent.token-budget", "60000", false),
			new Variable("THOTH_AGENT_TURN_TIMEOUT", "thoth.agent.turn-timeout", "180s", false),
			new Variable("THOTH_AGENT_TOOL_TIMEOUT", "thoth.agent.tool-timeout", "130s", false),
			new Variable("THOTH_METRICS_TRUSTED_NETWORKS", "thoth.metrics.trusted-networks",
					"127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7", false));

	private EnvironmentVariables() {
	}

	public static List<Variable> all() {
		return ALL;
	}

	/** The variable behind a property such as {@code thoth.api.secret-key}, if any. */
	public static Optional<String> forProperty(String property) {
		return ALL.stream()
			.filter((variable) -> property.equals(variable.property())
					|| property.startsWith(variable.property() + "["))
			.map(Variable::name)
			.findFirst();
	}

}
