package dev.thoth.testsupport;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Content hashes for rows a test writes itself, each unique on a shared database. */
public final class TestHashes {

	private TestHashes() {
	}

	/** A random SHA-256-shaped hash: 64 lower-case hex digits. */
	public static String random() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
