package dev.thoth.platform.reactive;

import java.net.InetSocketAddress;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.config.ThothConfigurationAutoConfiguration;
import dev.thoth.platform.config.ThothProperties;
import dev.thoth.platform.web.ApiKeyVerifier;
import dev.thoth.platform.web.CorsPolicy;
import dev.thoth.platform.web.TrustedNetworks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * The reactive side of the platform (the gateway): the same rules as the servlet side.
 */
@AutoConfiguration(after = ThothConfigurationAutoConfiguration.class,
		before = { ReactiveWebSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ErrorWebFluxAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactivePlatformAutoConfiguration {

	private static final String PRINCIPAL = "api-client";

	@Bean
	RequestIdWebFilter thothRequestIdWebFilter() {
		return new RequestIdWebFilter();
	}

	@Bean
	ReactiveProblemDetailsAdvice thothReactiveProblemDetailsAdvice() {
		return new ReactiveProblemDetailsAdvice();
	}

	/** Before Spring Boot's own handler (order -1), which is then not created at all. */
	@Bean
	@Order(-2)
	ErrorWebExceptionHandler thothProblemErrorWebExceptionHandler(JsonMapper jsonMapper) {
		return new ProblemErrorWebExceptionHandler(jsonMapper);
	}

	/**
	 * A request the security firewall refuses (an encoded slash or NUL in the path, ...)
	 * is a 400 problem detail like every other error, not an empty answer.
	 */
	@Bean
	ServerExchangeRejectedHandler thothExchangeRejectedHandler(JsonMapper jsonMapper) {
		return (exchange, ex) -> ReactiveProblems.write(jsonMapper, exchange, HttpStatus.BAD_REQUEST,
				"The request was rejected: " + ex.getMessage());
	}

	@Bean
	@ConditionalOnClass(HttpServer.class)
	NettyServerCustomizer thothKeepAliveReadResumption() {
		return (server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpTrafficHandler, KeepAliveReadResumption.NAME,
							new KeepAliveReadResumption());
			}
		});
	}

	@Bean
	@ConditionalOnClass(HttpServer.class)
	NettyServerCustomizer thothDecodingFailureProblems(JsonMapper jsonMapper) {
		return (server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, DecodingFailureProblems.NAME,
							new DecodingFailureProblems(jsonMapper));
			}
		});
	}

	@Bean
	SecurityWebFilterChain thothSecurityWebFilterChain(ServerHttpSecurity http, ThothProperties properties,
			JsonMapper jsonMapper, Environment environment) {
		// Paths served without a key, such as the routed API's description.
		List<String> publicPaths = Binder.get(environment)
			.bind("thoth.web.public-paths", Bindable.listOf(String.class))
			.orElse(List.of());
		ApiKeyVerifier verifier = new ApiKeyVerifier(properties.api().secretKey());
		TrustedNetworks trusted = new TrustedNetworks(properties.metrics().trustedNetworks());
		ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> {
			exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
			return writeProblem(jsonMapper, exchange, HttpStatus.UNAUTHORIZED,
					"Send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
		};

		ReactiveAuthenticationManager manager = (
				authentication) -> verifier.matches((String) authentication.getCredentials())
						? Mono.just(UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
								List.of(new SimpleGrantedAuthority("ROLE_API"))))
						: Mono.error(new BadCredentialsException("Invalid API key"));
		AuthenticationWebFilter apiKeyFilter = new AuthenticationWebFilter(manager);
		apiKeyFilter.setServerAuthenticationConverter((exchange) -> {
			String presented = ApiKeyVerifier.presentedKey(exchange.getRequest().getHeaders().getFirst("Authorization"),
					exchange.getRequest().getHeaders().getFirst(ApiKeyVerifier.API_KEY_HEADER));
			return Mono.justOrEmpty(presented)
				.map((key) -> UsernamePasswordAuthenticationToken.unauthenticated(PRINCIPAL, key));
		});
		apiKeyFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
		apiKeyFilter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

		ReactiveAuthorizationManager<AuthorizationContext> internalOrAuthenticated = (authentication,
				context) -> authentication.map(ReactivePlatformAutoConfiguration::isAuthenticated)
					.defaultIfEmpty(false)
					.map((authenticated) -> new AuthorizationDecision(
							authenticated || trusted.trusts(remoteAddress(context.getExchange()),
									(name) -> context.getExchange().getRequest().getHeaders().getOrEmpty(name))));

		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.disable())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors((cors) -> cors.configurationSource(corsConfigurationSource(properties)))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(
						(exchange, ex) -> writeProblem(jsonMapper, exchange, HttpStatus.FORBIDDEN, "Not allowed.")))
			.addFilterAt(apiKeyFilter, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> {
				exchanges.pathMatchers("/health", "/health/**").permitAll();
				exchanges.pathMatchers("/metrics").access(internalOrAuthenticated);
				if (!publicPaths.isEmpty()) {
					exchanges.pathMatchers(publicPaths.toArray(String[]::new)).permitAll();
				}
				if (verifier.enabled()) {
					exchanges.anyExchange().authenticated();
				}
				else {
					exchanges.anyExchange().permitAll();
				}
			})
			.build();
	}

	private static boolean isAuthenticated(Authentication authentication) {
		return authentication.isAuthenticated() && PRINCIPAL.equals(authentication.getPrincipal());
	}

	private static String remoteAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	private static CorsConfigurationSource corsConfigurationSource(ThothProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		CorsPolicy.of(properties).ifPresent((configuration) -> source.registerCorsConfiguration("/**", configuration));
		return source;
	}

	private static Mono<Void> writeProblem(JsonMapper jsonMapper, ServerWebExchange exchange, HttpStatus status,
			String detail) {
		return ReactiveProblems.write(jsonMapper, exchange, status, detail);
	}

}
