package dev.thoth.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyVerifierTests {

	@Test
	void matchesOnlyTheExactKey() {
		ApiKeyVerifier verifier = new ApiKeyVerifier("right-key");
		assertThat(verifier.matches("right-key")).isTrue();
		assertThat(verifier.matches("right-keY")).isFalse();
		assertThat(verifier.matches("right-key ")).isFalse();
		assertThat(verifier.matches("")).isFalse();
		assertThat(verifier.matches(null)).isFalse();
	}

	@Test
	void withoutAConfiguredKeyNothingMatches() {
		ApiKeyVerifier verifier = new ApiKeyVerifier("  ");
		assertThat(verifier.enabled()).isFalse();
		assertThat(verifier.matches("  ")).isFalse();
	}

	@Test
	void readsTheKeyFromEitherHeader() {
		assertThat(ApiKeyVerifier.presentedKey("Bearer abc", null)).isEqualTo("abc");
		assertThat(ApiKeyVerifier.presentedKey("bearer abc", null)).isEqualTo("abc");
		assertThat(ApiKeyVerifier.presentedKey(null, "xyz")).isEqualTo("xyz");
		assertThat(ApiKeyVerifier.presentedKey("Basic abc", null)).isEmpty();
		assertThat(ApiKeyVerifier.presentedKey("", "xyz")).isEmpty();
		assertThat(ApiKeyVerifier.presentedKey("Basic abc", "xyz")).isEmpty();
		assertThat(ApiKeyVerifier.presentedKey("Bearer abc", "xyz")).isEmpty();
		assertThat(ApiKeyVerifier.presentedKey("Bearer abc", "abc")).isEqualTo("abc");
		assertThat(new ApiKeyVerifier("abc").matches("")).isFalse();
		assertThat(ApiKeyVerifier.presentedKey(null, null)).isNull();
	}

}
