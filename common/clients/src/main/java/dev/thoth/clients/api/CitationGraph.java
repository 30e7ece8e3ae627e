package dev.thoth.clients.api;

import java.util.List;

/**
 * Papers and who cites whom among them.
 *
 * @param truncated whether papers were left out to keep within the limit
 */
public record CitationGraph(List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated) {
}
