package dev.thoth.pdfmonitor;

import java.util.UUID;

/**
 * Names this replica in job leases: host, process and a random part, unique per start.
 */
public final class ReplicaIdentity {

	private static final String CURRENT = System.getenv().getOrDefault("HOSTNAME", "localhost") + "/"
			+ ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);

	private ReplicaIdentity() {
	}

	public static String current() {
		return CURRENT;
	}

}
