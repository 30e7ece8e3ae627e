package dev.thoth.testsupport;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	@EnabledOnOs(OS.LINUX) // where the kernel names its ephemeral range
	void portsAreNeverHandedOutTwiceAndComeFromBelowTheEphemeralRange() throws Exception {
		int firstEphemeral = Integer.parseInt(
				Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip().split("\\s+")[0]);
		Set<Integer> handedOut = new HashSet<>();
		// More than a launcher test asks for, none of them bound in between: the case
		// where binding port 0 twice could give the same port.
		for (int i = 0; i < 500; i++) {
			int port = FreePorts.next();
			assertThat(handedOut.add(port)).as("port %d handed out twice", port).isTrue();
			assertThat(port).isBetween(20000, firstEphemeral - 1);
		}
	}

	@Test
	void aPortSomeoneListensOnIsNotHandedOut() throws Exception {
		// The next candidate after a handed-out port is the one above it.
		int taken = FreePorts.next() + 1;
		try (ServerSocket listener = new ServerSocket()) {
			try {
				listener.bind(new InetSocketAddress(taken));
			}
			catch (BindException alreadyTaken) {
				// Someone else listens there: the same case.
			}
			assertThat(FreePorts.next()).isNotEqualTo(taken);
		}
	}

	@Test
	void aHandedOutPortCanBeBound() throws Exception {
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", FreePorts.next()));
			assertThat(server.isBound()).isTrue();
		}
	}

}
