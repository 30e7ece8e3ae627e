package dev.thoth.platform.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that presents the API key. A request without a key goes on
 * unauthenticated (open paths stay open); a wrong key is refused at once.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String PRINCIPAL = "api-client";

	private final ApiKeyVerifier verifier;

	private final AuthenticationEntryPoint entryPoint;

	ApiKeyAuthenticationFilter(ApiKeyVerifier verifier, AuthenticationEntryPoint entryPoint) {
		this.verifier = verifier;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = ApiKeyVerifier.presentedKey(request.getHeader("Authorization"),
				request.getHeader(ApiKeyVerifier.API_KEY_HEADER));
		if (presented != null) {
			if (!this.verifier.matches(presented)) {
				SecurityContextHolder.clearContext();
				this.entryPoint.commence(request, response, new BadCredentialsException("Invalid API key"));
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
						List.of(new SimpleGrantedAuthority("ROLE_API"))));
		}
		chain.doFilter(request, response);
	}

}
