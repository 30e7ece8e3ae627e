package dev.thoth.agent.chat;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A message to the agent; without a session id it starts a new session. */
record ChatRequest(UUID sessionId, @NotBlank @Size(max = 20000) String message) {
}
