package dev.thoth.api.docs;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /api/v1/openapi.json} (browsable at
 * {@code /api/v1/docs}): both ways of sending the API key, required everywhere, and the
 * problem-details answers every operation can give, so that the document describes every
 * response the API really sends.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM = "Problem";

	@Bean
	OpenAPI thothOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Thoth API")
				.version("v1")
				.description("The research library: papers, notes, tags, citation graph, search and cited answers.")
				.license(new License().name("Apache-2.0")))
			// Relative, so that "Try it out" and generated clients call the host the
			// document
			// came from (nginx, the gateway or the API itself), never the API's own port.
			.servers(List.of(new Server().url("/")
				.description("The host that served this document: nginx, the gateway or the API")))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("The API key"))
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

	/** The errors the platform answers for any operation, as RFC 9457 problem details. */
	@Bean
	OpenApiCustomizer problemResponses() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			// Spring's ProblemDetail, where an operation names it: its type and instance
			// are
			// relative references ("/api/v1/..."), not absolute URIs.
			Schema<?> springProblem = openApi.getComponents().getSchemas().get("ProblemDetail");
			if (springProblem != null && springProblem.getProperties() != null) {
				for (String property : List.of("type", "instance")) {
					Schema<?> value = springProblem.getProperties().get(property);
					if (value != null && "uri".equals(value.getFormat())) {
						value.setFormat("uri-reference");
					}
				}
			}
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				ApiResponses responses = operation.getResponses();
				boolean hasInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
						|| operation.getRequestBody() != null;
				if (hasInput) {
					addProblem(responses, "400", "Invalid parameters or body; the detail names the field");
				}
				addProblem(responses, "401", "No API key, or a wrong one");
				if (path.contains("{")) {
					addProblem(responses, "404", "No such resource");
				}
				if (operation.getRequestBody() != null) {
					addProblem(responses, "415", "The body is not of a supported media type");
				}
				if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD) {
					addProblem(responses, "406", "None of the accepted media types can be produced");
				}
				ApiResponse tooMany = problem("Too many requests from this client; retry after the given seconds");
				tooMany.addHeaderObject("Retry-After",
						new Header().description("Seconds to wait").schema(new IntegerSchema()));
				responses.putIfAbsent("429", tooMany);
				addProblem(responses, "500", "An unexpected error; quote the request id");
			}));
		};
	}

	/**
	 * Properties that are not required may be null in responses (a paper without a DOI
	 * says {@code "doi": null}); OpenAPI 3.1 needs that spelled out.
	 */
	@Bean
	OpenApiCustomizer optionalPropertiesAreNullable() {
		return (openApi) -> {
			if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
				return;
			}
			// Request bodies say themselves what null means (a merge patch clears with
			// it).
			Set<String> requestBodies = new HashSet<>();
			if (openApi.getPaths() != null) {
				openApi.getPaths().values().forEach((item) -> item.readOperations().forEach((operation) -> {
					if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
						operation.getRequestBody().getContent().values().forEach((media) -> {
							if (media.getSchema() != null && media.getSchema().get$ref() != null) {
								String ref = media.getSchema().get$ref();
								requestBodies.add(ref.substring(ref.lastIndexOf('/') + 1));
							}
						});
					}
				}));
			}
			openApi.getComponents().getSchemas().forEach((name, schema) -> {
				if (!requestBodies.contains(name)) {
					makeOptionalPropertiesNullable(schema);
				}
			});
		};
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void makeOptionalPropertiesNullable(Schema schema) {
		Map<String, Schema> properties = schema.getProperties();
		if (properties == null) {
			return;
		}
		List<String> required = (schema.getRequired() != null) ? schema.getRequired() : List.of();
		for (Map.Entry<String, Schema> property : properties.entrySet()) {
			if (!required.contains(property.getKey())) {
				property.setValue(nullable(property.getValue()));
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema nullable(Schema schema) {
		if (schema.get$ref() != null) {
			return new Schema<>().anyOf(List.of(new Schema<>().$ref(schema.get$ref()),
					new Schema<>().types(new LinkedHashSet<>(List.of("null")))));
		}
		if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
			Set<String> types = new LinkedHashSet<>(schema.getTypes());
			types.add("null");
			schema.setTypes(types);
		}
		else if (schema.getType() != null) {
			schema.setTypes(new LinkedHashSet<>(List.of(schema.getType(), "null")));
		}
		return schema;
	}

	private static void addProblem(ApiResponses responses, String status, String description) {
		responses.putIfAbsent(status, problem(description));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	@SuppressWarnings("rawtypes")
	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = Map.of("type", new StringSchema(), "title", new StringSchema(), "status",
				new IntegerSchema(), "detail", new StringSchema(), "instance", new StringSchema(), "requestId",
				new StringSchema(), "errors",
				new ArraySchema().items(new ObjectSchema().addProperty("field", new StringSchema())
					.addProperty("message", new StringSchema())));
		ObjectSchema problem = new ObjectSchema();
		problem.setProperties(new LinkedHashMap<>(properties));
		problem.setDescription("An RFC 9457 problem detail");
		return problem;
	}

}
