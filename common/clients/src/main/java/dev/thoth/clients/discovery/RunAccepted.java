package dev.thoth.clients.discovery;

import java.util.UUID;

/** A queued run (or the query's run already queued or running) and where to follow it. */
public record RunAccepted(UUID runId, Links links) {

	public record Links(String run) {
	}

}
