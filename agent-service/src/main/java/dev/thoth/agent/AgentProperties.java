package dev.thoth.agent;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The agent's own settings (the model comes from the shared THOTH_LLM_* settings):
 * THOTH_MCP_URL, THOTH_AGENT_MAX_STEPS, THOTH_AGENT_TOKEN_BUDGET,
 * THOTH_AGENT_TURN_TIMEOUT, THOTH_AGENT_TOOL_TIMEOUT.
 *
 * @param mcpUrl the MCP service whose tools the agent uses
 * @param maxSteps model calls one turn may make at most
 * @param tokenBudget tokens (in and out, over every step) one turn may use
 * @param turnTimeout the longest a turn may take; then it ends with an error event
 * @param toolTimeout the longest one tool call may take; then it is reported as failed
 * @param modelAttempts attempts at a model call that fails before it gave any token
 * @param modelBackoff wait before the second attempt, doubled for each further one
 */
@Validated
@ConfigurationProperties("thoth.agent")
public record AgentProperties(
		@NotNull @Pattern(regexp = "https?://[^/]+(/.*)?", message = "must be an http(s) URL") String mcpUrl,
		@Min(1) @Max(50) int maxSteps, @Min(1000) int tokenBudget, @NotNull Duration turnTimeout,
		@NotNull Duration toolTimeout, @DefaultValue("3") @Min(1) @Max(10) int modelAttempts,
		@DefaultValue("1s") @NotNull Duration modelBackoff) {

}
