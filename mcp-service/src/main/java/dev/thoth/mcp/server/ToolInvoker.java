package dev.thoth.mcp.server;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.thoth.mcp.caller.Caller;
import dev.thoth.mcp.tools.ToolResults;
import dev.thoth.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

/**
 * Runs every tool call: for its caller (key and request id passed on to the API), within
 * the tool time limit (a slow service gives a tool error, never a hung client), and
 * measured per tool ({@code thoth_mcp_tool_calls_seconds{tool, outcome}}: calls, errors
 * and latency).
 */
final class ToolInvoker implements AutoCloseable {

	private static final Log log = LogFactory.getLog(ToolInvoker.class);

	static final String METRIC = "thoth.mcp.tool.calls";

	private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

	private final MeterRegistry meters;

	private final Duration timeout;

	ToolInvoker(MeterRegistry meters, Duration timeout) {
		this.meters = meters;
		this.timeout = timeout;
	}

	CallToolResult invoke(String tool, Caller caller, Supplier<CallToolResult> call) {
		long started = System.nanoTime();
		CallToolResult result;
		Future<CallToolResult> running = this.calls.submit(() -> ScopedValue.where(Caller.CURRENT, caller).call(() -> {
			MDC.put(RequestIds.MDC_KEY, caller.requestId());
			try {
				return call.get();
			}
			finally {
				MDC.remove(RequestIds.MDC_KEY);
			}
		}));
		try {
			result = running.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			running.cancel(true);
			result = ToolResults.error("The tool " + tool + " did not finish within " + this.timeout.toSeconds()
					+ " s (the library service is slow or not answering); nothing more will happen for this call. "
					+ "Try again, or ask for less.");
		}
		catch (ExecutionException ex) {
			log.error("Tool " + tool + " failed", ex.getCause());
			result = ToolResults.error("The tool " + tool + " failed unexpectedly ("
					+ ex.getCause().getClass().getSimpleName() + "); the MCP service's log has the details.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.cancel(true);
			result = ToolResults.error("The call to " + tool + " was cancelled.");
		}
		boolean error = Boolean.TRUE.equals(result.isError());
		Timer.builder(METRIC)
			.description("MCP tool calls: count, errors (outcome=error) and latency, per tool")
			.tag("tool", tool)
			.tag("outcome", error ? "error" : "success")
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return result;
	}

	@Override
	public void close() {
		this.calls.shutdownNow();
	}

}
