package dev.thoth.discovery.runs;

import java.util.UUID;

/**
 * A run this replica holds.
 *
 * @param attempts how often a replica has taken it up (above 1: taken over from one that
 * stopped)
 */
public record ClaimedRun(UUID id, UUID queryId, String trigger, int attempts) {
}
