package dev.thoth.discovery.sources;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class of one source: one replaying server for the class, emptied before each
 * test.
 */
abstract class ReplayedSource {

	static Replay replay;

	@BeforeAll
	static void start() {
		replay = new Replay();
	}

	@BeforeEach
	void reset() {
		replay.server.resetAll();
	}

	@AfterAll
	static void stop() {
		replay.close();
	}

}
