package dev.thoth.gateway;

import java.security.Security;

import dev.thoth.gateway.upstream.UpstreamInstancesConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;

/** The one front door: routes, API-key check, rate limits and circuit breakers. */
@SpringBootApplication
@ConfigurationPropertiesScan
@LoadBalancerClients(defaultConfiguration = UpstreamInstancesConfiguration.class)
public class GatewayApplication {

	public static void main(String[] args) {
		// Replicas come and go with `--scale`: the JVM's default 30 s cache of DNS
		// answers would keep a dead replica's address (or miss a new one) for too long.
		Security.setProperty("networkaddress.cache.ttl", "5");
		Security.setProperty("networkaddress.cache.negative.ttl", "1");
		SpringApplication.run(GatewayApplication.class, args);
	}

}
