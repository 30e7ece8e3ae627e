package dev.thoth.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers tests run against. By default their addresses come from the
 * {@code THOTH_TEST_*} variables that {@code scripts/test-services start} writes (and
 * {@code ./thoth test} loads); with {@code THOTH_TEST_CONTAINERS=true} and a Docker
 * engine, Testcontainers starts them instead. A test never falls back to a fake: with
 * neither, it fails and says how to start them.
 */
public final class TestServers {

	private static final Map<String, Object> started = new ConcurrentHashMap<>();

	private TestServers() {
	}

	/** A PostgreSQL superuser connection to a server tests may create databases in. */
	public record Postgres(String url, String user, String password) {

		/** Points a Spring test's THOTH_DATABASE_* settings at this database. */
		public void register(DynamicPropertyRegistry registry) {
			registry.add("THOTH_DATABASE_URL", this::url);
			registry.add("THOTH_DATABASE_USER", this::user);
			registry.add("THOTH_DATABASE_PASSWORD", this::password);
		}

		/** A new, empty database on the same server, so each test class starts clean. */
		public Postgres freshDatabase() {
			String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			try (Connection connection = DriverManager.getConnection(this.url, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create a test database on " + this.url, ex);
			}
			return new Postgres(this.url.replaceAll("/[^/?]+(\\?.*)?$", "/" + name + "$1"), this.user, this.password);
		}

	}

	public static Postgres postgres() {
		if (useContainers()) {
			return (Postgres) started.computeIfAbsent("postgres", (key) -> Containers.postgres());
		}
		return new Postgres(required("THOTH_TEST_POSTGRES_URL"), required("THOTH_TEST_POSTGRES_USER"),
				required("THOTH_TEST_POSTGRES_PASSWORD"));
	}

	/** A Redis URL with its password, e.g. {@code redis://:pw@127.0.0.1:6379}. */
	public static String redisUrl() {
		if (useContainers()) {
			return (String) started.computeIfAbsent("redis", (key) -> Containers.redis());
		}
		return required("THOTH_TEST_REDIS_URL");
	}

	/** A ChromaDB server without authentication. */
	public static String chromadbUrl() {
		if (useContainers()) {
			return (String) started.computeIfAbsent("chromadb", (key) -> Containers.chromadb());
		}
		return required("THOTH_TEST_CHROMADB_URL");
	}

	/** A ChromaDB server that enforces {@link #chromadbToken()}. */
	public static String chromadbAuthUrl() {
		return required("THOTH_TEST_CHROMADB_AUTH_URL");
	}

	public static String chromadbToken() {
		return required("THOTH_TEST_CHROMADB_TOKEN");
	}

	/** The nginx binary that {@code scripts/test-services} found or installed. */
	public static String nginxBinary() {
		return required("THOTH_TEST_NGINX_BIN");
	}

	private static boolean useContainers() {
		return "true".equals(System.getenv().getOrDefault("THOTH_TEST_CONTAINERS", "false").toLowerCase(Locale.ROOT));
	}

	static String required(String variable) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(variable + " is not set: this test needs a real server. Run the tests with "
					+ "'./thoth test', or 'scripts/test-services start' and source the env file it prints "
					+ "(or set THOTH_TEST_CONTAINERS=true where a Docker engine runs).");
		}
		return value;
	}

}
