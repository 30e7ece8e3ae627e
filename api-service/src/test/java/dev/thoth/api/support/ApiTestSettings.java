package dev.thoth.api.support;

import java.util.function.Supplier;

import dev.thoth.testsupport.TestServers;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings a {@code @SpringBootTest(webEnvironment = DEFINED_PORT)} of the API
 * service registers: its own database, its key, its workspace and the port chosen before
 * start-up ({@code FreePorts.next()}), to which the typed clients (THOTH_API_URL) point
 * too.
 */
public final class ApiTestSettings {

	/** The workspace of tests that keep no files of their own. */
	public static final Supplier<Object> SHARED_WORKSPACE = () -> System.getProperty("java.io.tmpdir") + "/thoth-ws";

	private ApiTestSettings() {
	}

	public static void register(DynamicPropertyRegistry registry, TestServers.Postgres database, String key,
			Supplier<Object> workspace, int port) {
		database.register(registry);
		registry.add("THOTH_API_SECRET_KEY", () -> key);
		registry.add("THOTH_WORKSPACE_DIR", workspace);
		registry.add("THOTH_API_PORT", () -> port);
		registry.add("THOTH_API_URL", () -> "http://127.0.0.1:" + port);
	}

}
