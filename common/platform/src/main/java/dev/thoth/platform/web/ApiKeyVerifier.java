package dev.thoth.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks a presented API key against the configured one in constant time: both sides are
 * hashed first, so neither the content nor the length of the key leaks through timing.
 */
public final class ApiKeyVerifier {

	public static final String API_KEY_HEADER = "X-API-Key";

	private static final String BEARER = "Bearer ";

	private final byte[] expectedDigest;

	public ApiKeyVerifier(String secretKey) {
		this.expectedDigest = (secretKey == null || secretKey.isBlank()) ? null : sha256(secretKey);
	}

	public boolean enabled() {
		return this.expectedDigest != null;
	}

	public boolean matches(String presented) {
		return this.expectedDigest != null && presented != null
				&& MessageDigest.isEqual(this.expectedDigest, sha256(presented));
	}

	/**
	 * The key a client presents, from {@code Authorization: Bearer …} or
	 * {@code X-API-Key}; null when it presents none. Credentials that cannot be right
	 * (another Authorization scheme, or two different keys) come back as the empty
	 * string, which never matches: a request is not let in on one good key beside a bad
	 * one.
	 */
	public static String presentedKey(String authorizationHeader, String apiKeyHeader) {
		String bearer = null;
		if (authorizationHeader != null) {
			// Present but empty, or another scheme: a credential that cannot be right.
			if (!authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				return "";
			}
			bearer = authorizationHeader.substring(BEARER.length()).trim();
		}
		String apiKey = (apiKeyHeader != null && !apiKeyHeader.isBlank()) ? apiKeyHeader.trim() : null;
		if (bearer != null && apiKey != null && !bearer.equals(apiKey)) {
			return "";
		}
		return (bearer != null) ? bearer : apiKey;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
