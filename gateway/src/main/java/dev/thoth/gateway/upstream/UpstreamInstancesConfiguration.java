package dev.thoth.gateway.upstream;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instances of one routed service, in the load balancer's own child context (hence no
 * {@code @Configuration}: it must not be picked up by the application's scan). Every
 * address its host resolves to, less those whose {@code /health/liveness} does not answer
 * 200 (interval and re-resolution period under
 * {@code spring.cloud.loadbalancer.health-check}).
 */
public class UpstreamInstancesConfiguration {

	@Bean
	ServiceInstanceListSupplier upstreamInstances(ConfigurableApplicationContext context, Environment environment,
			UpstreamProperties properties, AddressResolver addressResolver, WebClient upstreamHealthCheckClient) {
		String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		return ServiceInstanceListSupplier.builder()
			.withBase(new DnsServiceInstanceListSupplier(serviceId, properties.upstream(serviceId), addressResolver))
			.withHealthChecks(upstreamHealthCheckClient)
			.build(context);
	}

}
