package dev.thoth.system;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.thoth.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way {@code ./thoth up} can fail gives one clear message naming the cause, and
 * leaves no half-started suite behind.
 */
class LauncherFailuresIT {

	@TempDir
	Path temp;

	Launcher launcher;

	@BeforeEach
	void launcher() throws Exception {
		this.launcher = new Launcher(this.temp);
	}

	@AfterEach
	void nothingLeftBehind() throws Exception {
		assertThat(this.launcher.ourProcesses()).as("processes left behind").isEmpty();
		this.launcher.run("down");
	}

	@Test
	void aPortInUseIsNamed() throws Exception {
		int apiPort = this.launcher.ports.get("api");
		try (ServerSocket squatter = new ServerSocket(apiPort, 50, InetAddress.getLoopbackAddress())) {
			Launcher.Result up = this.launcher.run("up");
			assertThat(up.exitCode()).isNotZero();
			assertThat(up.output()).contains("port " + apiPort + " (api) is already in use");
		}
	}

	@Test
	void anUnreadableSecretFileIsNamed() throws Exception {
		Path missing = this.temp.resolve("no-such-secret");
		Launcher.Result up = this.launcher.run(Map.of("THOTH_API_SECRET_KEY_FILE", missing.toString()), "up");
		assertThat(up.exitCode()).isNotZero();
		assertThat(up.output())
			.contains("THOTH_API_SECRET_KEY_FILE: cannot read secret file " + missing + " (no such file)");
	}

	@Test
	void anUnreachableDatabaseIsNamed() throws Exception {
		String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/thoth";
		Launcher.Result up = this.launcher.run(Map.of("THOTH_DATABASE_URL", url), "up");
		assertThat(up.exitCode()).isNotZero();
		assertThat(up.output()).contains("the database at " + url + " cannot be reached");
	}

	@Test
	void aMissingJdkIsNamed() throws Exception {
		Launcher.Result up = this.launcher.run(Map.of("THOTH_JAVA_MIN_MAJOR", "99", "JAVA_HOME", "/nonexistent"), "up");
		assertThat(up.exitCode()).isNotZero();
		assertThat(up.output())
			.contains("Thoth needs a Java 99 JDK; none found in JAVA_HOME (/nonexistent) or /usr/lib/jvm");
	}

}
