package dev.thoth.platform.web;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** The internal networks from which {@code /metrics} may be read without the API key. */
public final class TrustedNetworks {

	/** {@code for=1.2.3.4}, {@code for="[2001:db8::1]:4711"}, case-insensitively. */
	private static final Pattern FORWARDED_FOR = Pattern
		.compile("(?i)for=\"?\\[?([^\\]\";,]*?)\\]?(?::\\d+)?\"?(?=[;,]|$)");

	private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

	private final List<IpAddressMatcher> matchers;

	public TrustedNetworks(List<String> cidrs) {
		this.matchers = cidrs.stream()
			.map(String::trim)
			.filter((cidr) -> !cidr.isEmpty())
			.map(IpAddressMatcher::new)
			.toList();
	}

	/**
	 * Whether a request may read {@code /metrics} without the key: it comes from a
	 * trusted address, and if it passed through proxies ({@code X-Forwarded-For},
	 * {@code Forwarded}, {@code X-Real-IP}), every client they name is trusted too. A
	 * request that nginx or the gateway forwards for an internet client is therefore
	 * refused, although the proxy itself is on a private network.
	 * @param remoteAddress the peer's address
	 * @param headers the request's values of a header, by name (none: an empty list)
	 */
	public boolean trusts(String remoteAddress, Function<String, List<String>> headers) {
		if (!contains(remoteAddress)) {
			return false;
		}
		for (String value : headers.apply("X-Forwarded-For")) {
			for (String address : value.split(",")) {
				if (!contains(address.strip())) {
					return false;
				}
			}
		}
		for (String value : headers.apply("X-Real-IP")) {
			if (!contains(value.strip())) {
				return false;
			}
		}
		for (String value : headers.apply("Forwarded")) {
			Matcher forwardedFor = FORWARDED_FOR.matcher(value);
			while (forwardedFor.find()) {
				if (!contains(forwardedFor.group(1))) {
					return false;
				}
			}
		}
		return true;
	}

	public boolean contains(String address) {
		// Only address literals: anything else would be looked up in DNS by the matcher.
		if (address == null || !ADDRESS_LITERAL.matcher(address).matches()) {
			return false;
		}
		try {
			return this.matchers.stream().anyMatch((matcher) -> matcher.matches(address));
		}
		catch (IllegalArgumentException ex) {
			// Not an address at all ("unknown", a host name): not to be trusted.
			return false;
		}
	}

}
