package dev.thoth.discovery.download;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a download may reach: only public ones. Loopback, private (10/8,
 * 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), multicast,
 * unspecified (0.0.0.0, ::), carrier-grade NAT (100.64/10), the 0/8 "this network" and
 * the broadcast address are not; nor is an IPv4 address dressed as IPv6 (IPv4-mapped
 * {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96})
 * whose IPv4 address is not.
 */
public final class PublicAddresses {

	private PublicAddresses() {
	}

	/** Why the address may not be reached, or null when it may. */
	public static String refusal(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			Inet4Address embedded = embeddedIpv4(v6.getAddress());
			if (embedded != null) {
				String inner = refusal(embedded);
				return (inner != null) ? inner + " (inside the IPv6 address " + address.getHostAddress() + ")" : null;
			}
			byte first = v6.getAddress()[0];
			if ((first & 0xfe) == 0xfc) {
				return "a private (unique local) address";
			}
		}
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isAnyLocalAddress()) {
			return "the unspecified address";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (address.isSiteLocalAddress()) {
			return "a private address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		if (address instanceof Inet4Address v4) {
			byte[] bytes = v4.getAddress();
			int a = bytes[0] & 0xff;
			int b = bytes[1] & 0xff;
			if (a == 0) {
				return "a 'this network' address";
			}
			if (a == 100 && b >= 64 && b <= 127) {
				return "a carrier-grade NAT address";
			}
			if (a == 255 && b == 255 && (bytes[2] & 0xff) == 255 && (bytes[3] & 0xff) == 255) {
				return "the broadcast address";
			}
			if (a >= 240) {
				return "a reserved address";
			}
		}
		return null;
	}

	/** The IPv4 address an IPv6 address carries, for the forms that reach IPv4 hosts. */
	static Inet4Address embeddedIpv4(byte[] v6) {
		boolean leadingZeros = true;
		for (int i = 0; i < 10; i++) {
			leadingZeros &= v6[i] == 0;
		}
		boolean mapped = leadingZeros && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
		boolean compatible = leadingZeros && v6[10] == 0 && v6[11] == 0
				&& !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0 && (v6[15] == 0 || v6[15] == 1));
		boolean nat64 = (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff
				&& (v6[3] & 0xff) == 0x9b;
		for (int i = 4; nat64 && i < 12; i++) {
			nat64 = v6[i] == 0;
		}
		if (!mapped && !compatible && !nat64) {
			return null;
		}
		try {
			return (Inet4Address) InetAddress.getByAddress(new byte[] { v6[12], v6[13], v6[14], v6[15] });
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
