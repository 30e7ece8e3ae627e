package dev.thoth.api.graph;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.thoth.clients.api.CitationGraph;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/graph")
class GraphController {

	static final String GRAPHML = "application/graphml+xml";

	static final String DOT = "text/vnd.graphviz";

	private static final MediaType GRAPHML_TYPE = MediaType.parseMediaType(GRAPHML);

	private static final MediaType DOT_TYPE = MediaType.parseMediaType(DOT);

	private final GraphService graphs;

	private final ContentNegotiationManager negotiation;

	GraphController(GraphService graphs, ContentNegotiationManager negotiation) {
		this.graphs = graphs;
		this.negotiation = negotiation;
	}

	@GetMapping(produces = { MediaType.APPLICATION_JSON_VALUE, GRAPHML, DOT })
	@Operation(summary = "The citation graph: papers and who cites whom",
			description = "With paperId, the library papers within depth citations of it, following references "
					+ "both ways (what it cites and what cites it); without, the whole library, the most connected "
					+ "papers first. Either way at most limit papers, truncated saying whether some were left "
					+ "out, and every edge among those included (source cites target). References that resolve "
					+ "to no library paper are not nodes. As JSON, GraphML (Accept: application/graphml+xml or "
					+ "format=graphml) or Graphviz DOT (Accept: text/vnd.graphviz or format=dot); format wins "
					+ "over Accept.")
	@ApiResponse(responseCode = "200", description = "The graph",
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = CitationGraph.class)),
					@Content(mediaType = GRAPHML, schema = @Schema(type = "string")),
					@Content(mediaType = DOT, schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "404", description = "No paper with that id",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<?> graph(
			@Parameter(description = "The paper at the centre; none for the whole library") @RequestParam(
					required = false) UUID paperId,
			@Parameter(description = "How many citations away from paperId (ignored without it)") @RequestParam(
					defaultValue = "1") @Min(1) @Max(3) int depth,
			@Parameter(description = "At most this many papers") @RequestParam(
					defaultValue = "500") @Min(1) @Max(2000) int limit,
			@Parameter(description = "The representation, instead of the Accept header",
					schema = @Schema(allowableValues = { "json", "graphml", "dot" })) @RequestParam(
							required = false) String format,
			NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
		MediaType type = (format != null) ? fromParameter(format) : negotiate(request);
		CitationGraph graph = (paperId != null) ? this.graphs.around(paperId, depth, limit)
				: this.graphs.library(limit);
		if (type.equals(GRAPHML_TYPE)) {
			return ResponseEntity.ok()
				.contentType(new MediaType(GRAPHML_TYPE, StandardCharsets.UTF_8))
				.body(GraphFormats.graphMl(graph));
		}
		if (type.equals(DOT_TYPE)) {
			return ResponseEntity.ok()
				.contentType(new MediaType(DOT_TYPE, StandardCharsets.UTF_8))
				.body(GraphFormats.dot(graph));
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(graph);
	}

	private static MediaType fromParameter(String format) {
		return switch (format) {
			case "json" -> MediaType.APPLICATION_JSON;
			case "graphml" -> GRAPHML_TYPE;
			case "dot" -> DOT_TYPE;
			default ->
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format: must be one of json, graphml, dot");
		};
	}

	/** The client's most preferred of the three, JSON when it takes anything. */
	private MediaType negotiate(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
		for (MediaType accepted : this.negotiation.resolveMediaTypes(request)) {
			for (MediaType offered : List.of(MediaType.APPLICATION_JSON, GRAPHML_TYPE, DOT_TYPE)) {
				if (accepted.isCompatibleWith(offered)) {
					return offered;
				}
			}
		}
		return MediaType.APPLICATION_JSON;
	}

}
