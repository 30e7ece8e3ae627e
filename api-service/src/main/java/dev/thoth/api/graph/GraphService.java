package dev.thoth.api.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import dev.thoth.clients.api.CitationGraph;
import dev.thoth.clients.api.GraphEdge;
import dev.thoth.clients.api.GraphNode;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The citation graph: library papers as nodes, an edge from each paper to every library
 * paper one of its references resolved to. References that resolved to nothing are left
 * out: they have no identity to merge on (two papers citing the same outside work hold
 * two unrelated reference rows), so as nodes they would be duplicates and noise.
 */
@Service
@Transactional(readOnly = true)
class GraphService {

	/**
	 * An edge, once per pair; a paper citing itself is a resolver slip, not a citation.
	 */
	private static final String EDGES = """
			select distinct paper_id, resolved_paper_id from paper_references
			where resolved_paper_id is not null and resolved_paper_id <> paper_id
			""";

	private final JdbcClient jdbc;

	GraphService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The papers within {@code depth} citations of {@code root}, following references
	 * both ways, and every edge among them. When the next ring would pass {@code limit}
	 * papers, it is cut (in id order, so the answer is stable) and the graph marked
	 * truncated.
	 */
	CitationGraph around(UUID root, int depth, int limit) {
		if (this.jdbc.sql("select count(*) from papers where id = :id")
			.param("id", root)
			.query(Long.class)
			.single() == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "paperId: no paper with id " + root);
		}
		Map<UUID, Integer> distance = new HashMap<>();
		distance.put(root, 0);
		List<UUID> frontier = List.of(root);
		boolean truncated = false;
		for (int ring = 1; ring <= depth && !frontier.isEmpty() && !truncated; ring++) {
			TreeSet<UUID> next = new TreeSet<>();
			for (UUID[] edge : edgesTouching(frontier)) {
				for (UUID end : edge) {
					if (!distance.containsKey(end)) {
						next.add(end);
					}
				}
			}
			List<UUID> admitted = new ArrayList<>();
			for (UUID paper : next) {
				if (distance.size() >= limit) {
					truncated = true;
					break;
				}
				distance.put(paper, ring);
				admitted.add(paper);
			}
			frontier = admitted;
		}
		List<GraphNode> nodes = nodes(List.copyOf(distance.keySet()));
		nodes.sort(Comparator.<GraphNode>comparingInt((node) -> distance.get(node.id()))
			.thenComparing(GraphNode::title, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
			.thenComparing(GraphNode::id));
		return new CitationGraph(nodes, edgesAmong(distance.keySet().stream().toList()), truncated);
	}

	/**
	 * The whole library: every paper and every edge, or, past {@code limit}, the most
	 * cited and citing papers and the edges among them.
	 */
	CitationGraph library(int limit) {
		List<GraphNode> nodes = new ArrayList<>(this.jdbc.sql("""
				with edges as (
				    select distinct paper_id, resolved_paper_id from paper_references
				    where resolved_paper_id is not null and resolved_paper_id <> paper_id),
				ends as (select paper_id as id from edges union all select resolved_paper_id from edges),
				degree as (select id, count(*) as n from ends group by id)
				select p.id, p.title, p.year from papers p left join degree d on d.id = p.id
				order by coalesce(d.n, 0) desc, p.created_at, p.id
				limit :limit
				""").param("limit", limit + 1).query(GraphService::node).list());
		boolean truncated = nodes.size() > limit;
		if (truncated) {
			nodes.removeLast();
		}
		return new CitationGraph(nodes, edgesAmong(nodes.stream().map(GraphNode::id).toList()), truncated);
	}

	private List<UUID[]> edgesTouching(List<UUID> papers) {
		return this.jdbc.sql(EDGES + " and (paper_id in (:papers) or resolved_paper_id in (:papers))")
			.param("papers", papers)
			.query((rs, row) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list();
	}

	private List<GraphEdge> edgesAmong(List<UUID> papers) {
		if (papers.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql(EDGES + " and paper_id in (:papers) and resolved_paper_id in (:papers)"
					+ " order by paper_id, resolved_paper_id")
			.param("papers", papers)
			.query((rs, row) -> new GraphEdge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
	}

	private List<GraphNode> nodes(List<UUID> papers) {
		return new ArrayList<>(this.jdbc.sql("select id, title, year from papers where id in (:papers)")
			.param("papers", papers)
			.query(GraphService::node)
			.list());
	}

	private static GraphNode node(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new GraphNode(rs.getObject("id", UUID.class), rs.getString("title"), rs.getObject("year", Integer.class),
				true);
	}

}
