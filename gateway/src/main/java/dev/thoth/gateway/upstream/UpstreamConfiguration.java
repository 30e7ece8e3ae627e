package dev.thoth.gateway.upstream;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** What the per-service load-balancer contexts share. */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

	@Bean
	AddressResolver addressResolver() {
		return AddressResolver.system();
	}

	/** Health checks of the replicas: a replica that does not answer quickly is out. */
	@Bean
	WebClient upstreamHealthCheckClient() {
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
			.responseTimeout(Duration.ofSeconds(2));
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
	}

}
