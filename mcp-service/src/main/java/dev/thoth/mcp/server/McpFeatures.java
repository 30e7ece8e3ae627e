package dev.thoth.mcp.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.thoth.mcp.caller.Caller;
import dev.thoth.mcp.tools.ThothFeatures;
import dev.thoth.mcp.tools.ThothTools;
import dev.thoth.mcp.tools.Toolset;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.spring.SyncMcpAnnotationProviders;

/**
 * Everything the server offers, read from the annotated beans: the tools of the toolsets
 * switched on (each with its complete input and output schema, run through the
 * {@link ToolInvoker}), and the resources, prompts and completions. The same beans serve
 * the stateless HTTP server and the stdio server.
 */
final class McpFeatures {

	private static final Log log = LogFactory.getLog(McpFeatures.class);

	static final String CALLER_KEY = "thoth.caller.key";

	static final String CALLER_REQUEST_ID = "thoth.caller.requestId";

	private final List<Object> tools;

	private final List<Object> features;

	private final Map<String, Method> toolMethods = new HashMap<>();

	private final ToolInvoker invoker;

	McpFeatures(List<ThothTools> toolBeans, List<ThothFeatures> featureBeans, Set<Toolset> enabled, ToolInvoker invoker,
			MeterRegistry meters) {
		this.tools = new ArrayList<>(toolBeans.stream().filter((bean) -> enabled.contains(bean.toolset())).toList());
		this.features = new ArrayList<>(featureBeans);
		this.invoker = invoker;
		for (Object bean : this.tools) {
			for (Method method : bean.getClass().getDeclaredMethods()) {
				McpTool tool = method.getAnnotation(McpTool.class);
				if (tool != null) {
					if (this.toolMethods.put(tool.name(), method) != null) {
						throw new IllegalStateException("two tools are named " + tool.name());
					}
					// Every tool's series exists from the start, so a rate over it starts
					// at 0.
					for (String outcome : List.of("success", "error")) {
						Timer.builder(ToolInvoker.METRIC)
							.tag("tool", tool.name())
							.tag("outcome", outcome)
							.publishPercentileHistogram()
							.register(meters);
					}
				}
			}
		}
		log.info("MCP toolsets " + enabled.stream().map(Toolset::id).sorted().toList() + ": " + this.toolMethods.size()
				+ " tools");
	}

	List<McpStatelessServerFeatures.SyncToolSpecification> statelessTools() {
		return SyncMcpAnnotationProviders.statelessToolSpecifications(this.tools).stream().map((spec) -> {
			McpSchema.Tool tool = ToolSchemas.complete(spec.tool(), this.toolMethods.get(spec.tool().name()));
			return McpStatelessServerFeatures.SyncToolSpecification.builder()
				.tool(tool)
				.callHandler((context, request) -> this.invoker.invoke(tool.name(),
						caller(context, Caller.Progress.NONE), () -> spec.callHandler().apply(context, request)))
				.build();
		}).toList();
	}

	List<McpServerFeatures.SyncToolSpecification> stdioTools() {
		return SyncMcpAnnotationProviders.toolSpecifications(this.tools).stream().map((spec) -> {
			McpSchema.Tool tool = ToolSchemas.complete(spec.tool(), this.toolMethods.get(spec.tool().name()));
			return new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> {
				Caller.Progress progress = (request.progressToken() == null) ? Caller.Progress.NONE
						: (done, total, message) -> exchange.progressNotification(new McpSchema.ProgressNotification(
								request.progressToken(), done, total, message, null));
				// stdio has no caller key: the configured one stays; each call gets its
				// own id.
				Caller caller = new Caller(null, java.util.UUID.randomUUID().toString(), progress);
				return this.invoker.invoke(tool.name(), caller, () -> spec.callHandler().apply(exchange, request));
			});
		}).toList();
	}

	List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> statelessResourceTemplates() {
		List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> specs = new ArrayList<>(
				SyncMcpAnnotationProviders.statelessResourceTemplateSpecifications(this.features));
		templateResources()
			.forEach((resource) -> specs.add(new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
					resource.template(), (context, request) -> resource.read().apply(request))));
		return withCaller(specs,
				(spec) -> new McpStatelessServerFeatures.SyncResourceTemplateSpecification(spec.resourceTemplate(),
						(context, request) -> asCaller(context, () -> spec.readHandler().apply(context, request))));
	}

	private List<ThothFeatures.TemplateResource> templateResources() {
		return this.features.stream()
			.map(ThothFeatures.class::cast)
			.flatMap((bean) -> bean.templateResources().stream())
			.toList();
	}

	List<McpStatelessServerFeatures.SyncResourceSpecification> statelessResources() {
		return withCaller(SyncMcpAnnotationProviders.statelessResourceSpecifications(this.features),
				(spec) -> new McpStatelessServerFeatures.SyncResourceSpecification(spec.resource(),
						(context, request) -> asCaller(context, () -> spec.readHandler().apply(context, request))));
	}

	List<McpStatelessServerFeatures.SyncPromptSpecification> statelessPrompts() {
		return withCaller(SyncMcpAnnotationProviders.statelessPromptSpecifications(this.features),
				(spec) -> new McpStatelessServerFeatures.SyncPromptSpecification(spec.prompt(),
						(context, request) -> asCaller(context, () -> spec.promptHandler().apply(context, request))));
	}

	List<McpStatelessServerFeatures.SyncCompletionSpecification> statelessCompletions() {
		return withCaller(SyncMcpAnnotationProviders.statelessCompleteSpecifications(this.features),
				(spec) -> new McpStatelessServerFeatures.SyncCompletionSpecification(spec.referenceKey(), (context,
						request) -> asCaller(context, () -> spec.completionHandler().apply(context, request))));
	}

	List<McpServerFeatures.SyncResourceTemplateSpecification> stdioResourceTemplates() {
		List<McpServerFeatures.SyncResourceTemplateSpecification> specs = new ArrayList<>(
				SyncMcpAnnotationProviders.resourceTemplateSpecifications(this.features));
		templateResources().forEach(
				(resource) -> specs.add(new McpServerFeatures.SyncResourceTemplateSpecification(resource.template(),
						(exchange, request) -> resource.read().apply(request))));
		return specs;
	}

	List<McpServerFeatures.SyncResourceSpecification> stdioResources() {
		return SyncMcpAnnotationProviders.resourceSpecifications(this.features);
	}

	List<McpServerFeatures.SyncPromptSpecification> stdioPrompts() {
		return SyncMcpAnnotationProviders.promptSpecifications(this.features);
	}

	List<McpServerFeatures.SyncCompletionSpecification> stdioCompletions() {
		return SyncMcpAnnotationProviders.completeSpecifications(this.features);
	}

	private static <T> List<T> withCaller(List<T> specs, Function<T, T> wrap) {
		return specs.stream().map(wrap).toList();
	}

	/** Resources, prompts and completions read the API for the caller too. */
	private static <T> T asCaller(McpTransportContext context, java.util.concurrent.Callable<T> call) {
		try {
			return ScopedValue.where(Caller.CURRENT, caller(context, Caller.Progress.NONE)).call(call::call);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Caller caller(McpTransportContext context, Caller.Progress progress) {
		Object key = context.get(CALLER_KEY);
		Object requestId = context.get(CALLER_REQUEST_ID);
		return new Caller((key instanceof String text && !text.isEmpty()) ? text : null,
				(requestId instanceof String id) ? id : java.util.UUID.randomUUID().toString(), progress);
	}

}
