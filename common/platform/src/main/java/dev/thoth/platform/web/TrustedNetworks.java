package dev.thoth.platform.web;

import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** The internal networks from which {@code /metrics} may be read without the API key. */
public final class TrustedNetworks {

	private final List<IpAddressMatcher> matchers;

	public TrustedNetworks(List<String> cidrs) {
		this.matchers = cidrs.stream()
			.map(String::trim)
			.filter((cidr) -> !cidr.isEmpty())
			.map(IpAddressMatcher::new)
			.toList();
	}

	public boolean contains(String address) {
		if (address == null) {
			return false;
		}
		return this.matchers.stream().anyMatch((matcher) -> matcher.matches(address));
	}

}
