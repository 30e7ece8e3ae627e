package dev.thoth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local ports for servers that a test names before they start, such as services started
 * as processes.
 *
 * <p>
 * Binding port 0 and closing it again is not enough for that. The kernel may give the
 * same port to two such calls before either server has bound it; a CI run lost
 * {@code LauncherIT} when the MCP service and the PDF monitor were both given 44773. And
 * a port in the kernel's ephemeral range can be taken by any outgoing connection in the
 * meantime. So these ports come from below the ephemeral range, each at most once per
 * JVM, and only when nothing listens on them.
 */
public final class FreePorts {

	private static final int LOWEST = 20000;

	private static final int EPHEMERAL_FROM = firstEphemeralPort();

	private static final AtomicInteger CANDIDATE = new AtomicInteger(
			LOWEST + ThreadLocalRandom.current().nextInt(EPHEMERAL_FROM - LOWEST));

	private FreePorts() {
	}

	/**
	 * A port nothing listens on now, not handed out before in this JVM until all of the
	 * range has been (some 12,000 ports).
	 */
	public static int next() {
		for (int tried = 0; tried < EPHEMERAL_FROM - LOWEST; tried++) {
			int port = CANDIDATE.getAndUpdate((current) -> (current + 1 < EPHEMERAL_FROM) ? current + 1 : LOWEST);
			if (isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port from " + LOWEST + " to " + (EPHEMERAL_FROM - 1));
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// Refuse a port whose last connections still linger, too: the server that
			// gets it must not meet an old peer's packets.
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int firstEphemeralPort() {
		Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
		try {
			// Lines, not Files.readString: procfs files report a size of 0, and
			// readString gave "3" here.
			int first = Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0]);
			if (first - LOWEST < 1000) {
				throw new IllegalStateException("The ephemeral ports start at " + first + " (" + range
						+ "); tests need at least a thousand ports from " + LOWEST + " below them");
			}
			return first;
		}
		catch (NoSuchFileException ex) {
			// Not Linux: the IANA ephemeral range, which macOS uses.
			return 49152;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
