package dev.thoth.gateway.upstream;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * One instance per address the upstream's host resolves to, all on the upstream's port.
 * Each subscription resolves afresh; the health-check supplier around it re-subscribes
 * periodically, so replicas that appear or vanish are followed.
 */
final class DnsServiceInstanceListSupplier implements ServiceInstanceListSupplier {

	private static final Log logger = LogFactory.getLog(DnsServiceInstanceListSupplier.class);

	private final String serviceId;

	private final URI upstream;

	private final AddressResolver resolver;

	DnsServiceInstanceListSupplier(String serviceId, URI upstream, AddressResolver resolver) {
		this.serviceId = serviceId;
		this.upstream = upstream;
		this.resolver = resolver;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		// Name resolution blocks: off the event loop.
		return Mono.fromCallable(this::resolve)
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorResume(UnknownHostException.class, (ex) -> {
				logger.warn("Cannot resolve " + this.upstream.getHost() + " for service '" + this.serviceId
						+ "': no instances until it resolves");
				return Mono.just(List.of());
			})
			.flux();
	}

	List<ServiceInstance> resolve() throws UnknownHostException {
		boolean secure = "https".equalsIgnoreCase(this.upstream.getScheme());
		int port = (this.upstream.getPort() != -1) ? this.upstream.getPort() : (secure ? 443 : 80);
		return this.resolver.resolve(this.upstream.getHost())
			.stream()
			.map(DnsServiceInstanceListSupplier::literal)
			.distinct()
			.sorted()
			.map((host) -> (ServiceInstance) new DefaultServiceInstance(this.serviceId + "@" + host + ":" + port,
					this.serviceId, host, port, secure))
			.toList();
	}

	/** The address as a URI host: IPv6 in brackets. */
	private static String literal(InetAddress address) {
		String host = address.getHostAddress();
		if (address instanceof Inet6Address) {
			int scope = host.indexOf('%');
			return "[" + ((scope != -1) ? host.substring(0, scope) : host) + "]";
		}
		return host;
	}

}
