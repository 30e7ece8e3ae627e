package dev.thoth.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.config.ThothConfigurationAutoConfiguration;
import dev.thoth.platform.input.QueryParameterRulesFilter;
import dev.thoth.platform.input.RequestBodyRulesAdvice;
import dev.thoth.platform.input.StrictUuidEditor;
import dev.thoth.platform.config.ThothProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The servlet side of the platform: request ids, API-key authentication, CORS, security
 * headers and problem details.
 */
@AutoConfiguration(after = ThothConfigurationAutoConfiguration.class,
		before = { ServletWebSecurityAutoConfiguration.class, WebMvcAutoConfiguration.class,
				ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServletPlatformAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> thothRequestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Query parameters held to the input rules, after authentication (a call without the
	 * key is a 401 whatever it sends).
	 */
	@Bean
	FilterRegistrationBean<QueryParameterRulesFilter> thothQueryParameterRulesFilter(JsonMapper jsonMapper) {
		FilterRegistrationBean<QueryParameterRulesFilter> registration = new FilterRegistrationBean<>(
				new QueryParameterRulesFilter((request, response, detail) -> writeProblem(jsonMapper, request, response,
						HttpStatus.BAD_REQUEST, detail)));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

	@Bean
	RequestBodyRulesAdvice thothRequestBodyRulesAdvice() {
		return new RequestBodyRulesAdvice();
	}

	@Bean
	WebMvcConfigurer thothStrictUuids() {
		return new WebMvcConfigurer() {
			@Override
			public void addFormatters(FormatterRegistry registry) {
				registry.addConverter(String.class, UUID.class, new StrictUuidEditor());
			}
		};
	}

	@Bean
	ProblemErrorController thothProblemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	ProblemDetailsAdvice thothProblemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	/**
	 * The firewall also lets the QUERY method through, so that Spring MVC answers it like
	 * any other unsupported method: 405 with the Allow header, not a bare 400.
	 */
	@Bean
	StrictHttpFirewall thothHttpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY"));
		return firewall;
	}

	/** A request the firewall refuses is a 400 problem detail like every other error. */
	@Bean
	RequestRejectedHandler thothRequestRejectedHandler(JsonMapper jsonMapper) {
		return (request, response, ex) -> writeProblem(jsonMapper, request, response, HttpStatus.BAD_REQUEST,
				"The request was rejected: " + ex.getMessage());
	}

	/**
	 * No observation per security filter: {@code http.server.requests} already times,
	 * counts and traces every request, and the per-filter wrapping was a few per cent of
	 * a search request's CPU (JFR, bench/search-latency.sh).
	 */
	@Bean
	SecurityObservationSettings thothSecurityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain thothSecurityFilterChain(HttpSecurity http, ThothProperties properties, JsonMapper jsonMapper,
			Environment environment) throws Exception {
		Binder binder = Binder.get(environment);
		// Paths a service serves without a key, such as its API description.
		List<String> publicPaths = binder.bind("thoth.web.public-paths", Bindable.listOf(String.class))
			.orElse(List.of());
		int requestsPerMinute = binder.bind("thoth.rate-limit.requests-per-minute", Integer.class).orElse(0);
		ApiKeyVerifier verifier = new ApiKeyVerifier(properties.api().secretKey());
		TrustedNetworks trusted = new TrustedNetworks(properties.metrics().trustedNetworks());
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			writeProblem(jsonMapper, request, response, HttpStatus.UNAUTHORIZED,
					"Send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> writeProblem(jsonMapper, request, response,
				HttpStatus.FORBIDDEN, "Not allowed.");
		AuthorizationManager<RequestAuthorizationContext> internalOrAuthenticated = (authentication,
				context) -> new AuthorizationDecision(trusted.trusts(context.getRequest().getRemoteAddr(),
						(name) -> Collections.list(context.getRequest().getHeaders(name)))
						|| isAuthenticated(authentication.get()));

		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors((cors) -> cors.configurationSource(corsConfigurationSource(properties)))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.addFilterBefore(new ApiKeyAuthenticationFilter(verifier, unauthorized),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				// The continuation of a request that was authorized when it began
				// (streams).
				requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
				requests.requestMatchers("/health", "/health/**", "/error").permitAll();
				requests.requestMatchers("/metrics").access(internalOrAuthenticated);
				if (!publicPaths.isEmpty()) {
					requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
				}
				if (verifier.enabled()) {
					requests.anyRequest().authenticated();
				}
				else {
					requests.anyRequest().permitAll();
				}
			});
		if (requestsPerMinute > 0) {
			// Before authentication, so that guessing keys is limited too.
			http.addFilterBefore(new RateLimitFilter(requestsPerMinute, trusted,
					(request, response, status, detail) -> writeProblem(jsonMapper, request, response, status, detail)),
					ApiKeyAuthenticationFilter.class);
		}
		return http.build();
	}

	private static boolean isAuthenticated(org.springframework.security.core.Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& ApiKeyAuthenticationFilter.PRINCIPAL.equals(authentication.getPrincipal());
	}

	static CorsConfigurationSource corsConfigurationSource(ThothProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		CorsPolicy.of(properties).ifPresent((configuration) -> source.registerCorsConfiguration("/**", configuration));
		return source;
	}

	private static void writeProblem(JsonMapper jsonMapper, HttpServletRequest request, HttpServletResponse response,
			HttpStatus status, String detail) throws IOException {
		ProblemDetail problem = Problems.of(status, detail, request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		jsonMapper.writeValue(response.getOutputStream(), Problems.toJson(problem));
	}

}
