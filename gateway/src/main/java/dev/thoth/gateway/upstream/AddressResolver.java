package dev.thoth.gateway.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Every address a host name resolves to: in Compose or Swarm (endpoint_mode dnsrr) a
 * service name answers with one address per replica.
 */
@FunctionalInterface
public interface AddressResolver {

	List<InetAddress> resolve(String host) throws UnknownHostException;

	static AddressResolver system() {
		return (host) -> List.of(InetAddress.getAllByName(host));
	}

}
