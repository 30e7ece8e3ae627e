package dev.thoth.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
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
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /api/v1/openapi.json} (browsable at
 * {@code /api/v1/docs}): both ways of sending the API key, required everywhere.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI thothOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Thoth API")
				.version("v1")
				.description("The research library: papers, notes, tags, citation graph, search and cited answers.")
				.license(new License().name("Apache-2.0")))
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

	/**
	 * The answers every operation can give: a 400 problem for a parameter or body it
	 * refuses, a 401 without the key, and a 404 where the path names something.
	 * Operations that say more about them keep their own. Problems are described as they
	 * are sent, extension members (requestId, errors) at the top level.
	 */
	@Bean
	OpenApiCustomizer commonProblemResponses() {
		return (openApi) -> {
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.setComponents(components.addSchemas("ProblemDetail", problemSchema()));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
				operation.getResponses()
					.putIfAbsent("400", problem("Invalid request: the problem names the parameter or field"));
				operation.getResponses().putIfAbsent("401", problem("No API key, or not the right one"));
				if (path.contains("{")) {
					operation.getResponses().putIfAbsent("404", problem("Nothing with that id"));
				}
			}));
		};
	}

	private static Schema<?> problemSchema() {
		Schema<?> error = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("message", new StringSchema());
		return new ObjectSchema().description("An RFC 9457 problem")
			.addProperty("type", new StringSchema().format("uri-reference"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("requestId", new StringSchema())
			.addProperty("errors", new ArraySchema().items(error));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
	}

}
