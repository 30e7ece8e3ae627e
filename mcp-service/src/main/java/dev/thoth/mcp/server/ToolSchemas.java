package dev.thoth.mcp.server;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import dev.thoth.mcp.tools.OneOf;
import dev.thoth.mcp.tools.ToolOutput;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.annotation.McpToolParam;

/**
 * Completes the schemas the MCP annotations generate: each argument's constraints
 * ({@code @Min}, {@code @Max}, {@code @DecimalMin}, {@code @DecimalMax}, {@code @Size},
 * {@code @Pattern}, {@link OneOf}, the form of a UUID) go into its input schema, so a
 * client knows them and the server refuses a call that breaks them before the tool runs;
 * the result type named by {@link ToolOutput} is the output schema. Result fields are
 * optional in the schema: an absent value is left out of the result, never sent as null.
 */
final class ToolSchemas {

	static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaGenerator OUTPUT = new SchemaGenerator(
			new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
				.with(new JacksonSchemaModule())
				.with(Option.STANDARD_FORMATS)
				.with(Option.PLAIN_DEFINITION_KEYS)
				.without(Option.SCHEMA_VERSION_INDICATOR)
				.build());

	private ToolSchemas() {
	}

	static McpSchema.Tool complete(McpSchema.Tool tool, Method method) {
		Map<String, Object> input = new LinkedHashMap<>(tool.inputSchema());
		Map<String, Object> properties = mutable(input.get("properties"));
		for (Parameter parameter : method.getParameters()) {
			if (!parameter.isAnnotationPresent(McpToolParam.class)) {
				continue;
			}
			Map<String, Object> property = mutable(properties.get(parameter.getName()));
			constrain(property, parameter);
			properties.put(parameter.getName(), property);
		}
		input.put("properties", properties);
		// Arguments the tool does not know are a mistake worth telling the model about.
		input.put("additionalProperties", false);
		ToolOutput output = method.getAnnotation(ToolOutput.class);
		Map<String, Object> outputSchema = (output != null) ? outputSchema(output.value()) : tool.outputSchema();
		return new McpSchema.Tool(tool.name(), tool.title(), tool.description(), input, outputSchema,
				tool.annotations(), tool.meta(), tool.icons());
	}

	static Map<String, Object> outputSchema(Class<?> type) {
		return JSON.convertValue(OUTPUT.generateSchema(type), new TypeReference<Map<String, Object>>() {
		});
	}

	private static void constrain(Map<String, Object> property, Parameter parameter) {
		Min min = parameter.getAnnotation(Min.class);
		if (min != null) {
			property.put("minimum", min.value());
		}
		Max max = parameter.getAnnotation(Max.class);
		if (max != null) {
			property.put("maximum", max.value());
		}
		DecimalMin decimalMin = parameter.getAnnotation(DecimalMin.class);
		if (decimalMin != null) {
			property.put("minimum", new BigDecimal(decimalMin.value()));
		}
		DecimalMax decimalMax = parameter.getAnnotation(DecimalMax.class);
		if (decimalMax != null) {
			property.put("maximum", new BigDecimal(decimalMax.value()));
		}
		Size size = parameter.getAnnotation(Size.class);
		boolean list = List.class.isAssignableFrom(parameter.getType());
		if (size != null) {
			if (size.min() > 0) {
				property.put(list ? "minItems" : "minLength", size.min());
			}
			if (size.max() < Integer.MAX_VALUE) {
				property.put(list ? "maxItems" : "maxLength", size.max());
			}
		}
		Pattern pattern = parameter.getAnnotation(Pattern.class);
		if (pattern != null) {
			property.put("pattern", pattern.regexp());
		}
		OneOf oneOf = parameter.getAnnotation(OneOf.class);
		if (oneOf != null) {
			property.put("enum", List.of(oneOf.value()));
		}
		if (parameter.getType() == UUID.class) {
			property.put("type", "string");
			property.put("pattern", UUID_PATTERN);
		}
		if (list && elementType(parameter) == UUID.class) {
			Map<String, Object> items = mutable(property.get("items"));
			items.put("type", "string");
			items.put("pattern", UUID_PATTERN);
			property.put("items", items);
		}
	}

	private static Type elementType(Parameter parameter) {
		if (parameter.getParameterizedType() instanceof ParameterizedType generic
				&& generic.getActualTypeArguments().length == 1) {
			return generic.getActualTypeArguments()[0];
		}
		return Object.class;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> mutable(Object value) {
		return (value instanceof Map<?, ?> map) ? new LinkedHashMap<>((Map<String, Object>) map)
				: new LinkedHashMap<>();
	}

	static List<String> names(List<McpSchema.Tool> tools) {
		List<String> names = new ArrayList<>();
		tools.forEach((tool) -> names.add(tool.name()));
		return names;
	}

}
