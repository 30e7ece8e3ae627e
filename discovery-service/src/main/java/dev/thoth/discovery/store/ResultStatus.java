package dev.thoth.discovery.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a result stands: found ({@code new}), judged by the researcher ({@code accepted},
 * {@code rejected}), its PDF handed to the library ({@code downloaded}), or a paper of
 * the library ({@code in_library}).
 */
public enum ResultStatus {

	NEW, ACCEPTED, REJECTED, DOWNLOADED, IN_LIBRARY;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<ResultStatus> of(String value) {
		return Arrays.stream(values()).filter((status) -> status.value().equals(value)).findFirst();
	}

}
