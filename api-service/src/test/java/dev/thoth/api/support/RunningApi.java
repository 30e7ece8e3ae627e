package dev.thoth.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.thoth.api.ApiApplication;
import dev.thoth.testsupport.TestServers;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API service started for real, as {@code ./thoth up} would (the whole application on
 * a free port, on its own database), for benchmarks that measure it over HTTP. The
 * platform rate limit is off: a benchmark sends far more than a person would.
 */
public final class RunningApi implements AutoCloseable {

	public static final String KEY = "benchmark-key-0123456789abcdef0123456789abcdef";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ConfigurableApplicationContext context;

	private final int port;

	private final HttpClient http;

	private RunningApi(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Starts the API on the database.
	 * @param settings more THOTH_* or Spring settings, which win over the defaults here
	 */
	public static RunningApi start(TestServers.Postgres database, Path workspace, Map<String, Object> settings) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("THOTH_DATABASE_URL", database.url());
		properties.put("THOTH_DATABASE_USER", database.user());
		properties.put("THOTH_DATABASE_PASSWORD", database.password());
		properties.put("THOTH_API_SECRET_KEY", KEY);
		properties.put("THOTH_WORKSPACE_DIR", workspace.toString());
		properties.put("THOTH_API_PORT", "0");
		properties.put("THOTH_RATE_LIMIT_PER_MINUTE", "0");
		properties.putAll(settings);
		return new RunningApi(new SpringApplicationBuilder(ApiApplication.class).properties(properties).run());
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public int port() {
		return this.port;
	}

	public HttpClient http() {
		return this.http;
	}

	/** {@code GET /api/v1/search} with the key. */
	public HttpRequest searchRequest(String query, int k, String mode) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + searchPath(query, k, mode)))
			.header("Authorization", "Bearer " + KEY)
			.timeout(TIMEOUT)
			.GET()
			.build();
	}

	/** The path and query of {@code GET /api/v1/search}. */
	public static String searchPath(String query, int k, String mode) {
		return "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&k=" + k + "&mode=" + mode;
	}

	/** A lean keep-alive client for load, sending the key. */
	public KeepAliveHttp keepAlive() {
		return new KeepAliveHttp("127.0.0.1", this.port, "Authorization: Bearer " + KEY + "\r\n");
	}

	/** The body of a search that must succeed. */
	public String search(String query, int k, String mode) {
		try {
			HttpResponse<String> response = this.http.send(searchRequest(query, k, mode),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("search '" + query + "' (" + mode + ") answered "
						+ response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("search '" + query + "' failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
