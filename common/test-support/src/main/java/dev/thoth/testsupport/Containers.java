package dev.thoth.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same servers from Testcontainers, for machines with a Docker engine. Images are the
 * public ones the compose files use; the containers live until the JVM exits.
 */
final class Containers {

	private Containers() {
	}

	static TestServers.Postgres postgres() {
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16");
		postgres.start();
		return new TestServers.Postgres(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
	}

	static String redis() {
		GenericContainer<?> redis = new GenericContainer<>("redis:7")
			.withCommand("redis-server", "--requirepass", "test")
			.withExposedPorts(6379);
		redis.start();
		return "redis://:test@" + redis.getHost() + ":" + redis.getMappedPort(6379);
	}

	static String chromadb() {
		GenericContainer<?> chroma = new GenericContainer<>("chromadb/chroma:1.5.0").withExposedPorts(8000)
			.waitingFor(Wait.forHttp("/api/v2/heartbeat"));
		chroma.start();
		return "http://" + chroma.getHost() + ":" + chroma.getMappedPort(8000);
	}

}
