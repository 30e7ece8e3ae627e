package dev.thoth.gateway.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class DnsServiceInstanceListSupplierTests {

	@Test
	void everyAddressOfTheHostIsAnInstanceOnTheUpstreamPort() {
		AddressResolver replicas = (host) -> List.of(address("10.0.0.3"), address("10.0.0.2"), address("10.0.0.3"));
		List<ServiceInstance> instances = new DnsServiceInstanceListSupplier("api", URI.create("http://thoth-api:8000"),
				replicas)
			.get()
			.blockFirst(Duration.ofSeconds(5));
		assertThat(instances).extracting(ServiceInstance::getHost).containsExactly("10.0.0.2", "10.0.0.3");
		assertThat(instances).allSatisfy((instance) -> {
			assertThat(instance.getPort()).isEqualTo(8000);
			assertThat(instance.getServiceId()).isEqualTo("api");
			assertThat(instance.isSecure()).isFalse();
		});
		assertThat(instances.get(0).getUri()).isEqualTo(URI.create("http://10.0.0.2:8000"));
	}

	@Test
	void theSystemResolverFindsLocalhostAndIPv6IsBracketed() {
		List<ServiceInstance> instances = new DnsServiceInstanceListSupplier("api", URI.create("https://localhost"),
				AddressResolver.system())
			.get()
			.blockFirst(Duration.ofSeconds(5));
		assertThat(instances).isNotEmpty().allSatisfy((instance) -> {
			assertThat(instance.getPort()).isEqualTo(443);
			assertThat(instance.isSecure()).isTrue();
			assertThat(instance.getHost()).matches("127\\.0\\.0\\.1|\\[[0-9a-f:]+\\]");
			assertThat(instance.getUri().getScheme()).isEqualTo("https");
		});
	}

	@Test
	void aNameThatDoesNotResolveHasNoInstancesYet() {
		AddressResolver nothing = (host) -> {
			throw new UnknownHostException(host);
		};
		assertThat(new DnsServiceInstanceListSupplier("api", URI.create("http://gone:8000"), nothing).get()
			.blockFirst(Duration.ofSeconds(5))).isEmpty();
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
