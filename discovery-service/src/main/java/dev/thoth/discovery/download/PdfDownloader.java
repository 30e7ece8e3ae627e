package dev.thoth.discovery.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.thoth.discovery.DiscoveryProperties;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Downloads a PDF from a URL a source gave, without letting that URL reach anything it
 * must not:
 * <ul>
 * <li>only the schemes in {@code thoth.discovery.download.schemes} (https by
 * default);</li>
 * <li>every hop's host is resolved by this class and every address it resolves to must be
 * public ({@link PublicAddresses}) unless private addresses are allowed (tests); the
 * connection then goes to exactly those checked addresses (the resolver below is the
 * connection's only DNS lookup), so no second lookup can rebind the name;</li>
 * <li>redirects are followed here, hop by hop, each checked the same way, at most
 * {@code max-redirects};</li>
 * <li>at most {@code max-size} bytes, within {@code timeout};</li>
 * <li>the content must start like a PDF ({@code %PDF-} in the first KB), whatever its
 * declared type.</li>
 * </ul>
 */
public class PdfDownloader implements AutoCloseable {

	private static final byte[] SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final int SNIFF = 1024;

	private final DiscoveryProperties.Download settings;

	private final Set<String> schemes;

	/** Origins exempt from the rules (tests only), and their hosts for the resolver. */
	private final Set<String> testOrigins;

	private final Set<String> testHosts;

	private final PoolingHttpClientConnectionManager connections;

	private final CloseableHttpClient client;

	/** A downloaded PDF in a temporary file, with where it finally came from. */
	public record Downloaded(Path file, URI from, long size) {
	}

	public PdfDownloader(DiscoveryProperties.Download settings) {
		this.settings = settings;
		this.schemes = settings.schemes()
			.stream()
			.map((scheme) -> scheme.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.testOrigins = settings.testOrigins()
			.stream()
			.filter((origin) -> !origin.isBlank())
			.map((origin) -> origin(URI.create(origin.strip())))
			.collect(Collectors.toUnmodifiableSet());
		this.testHosts = this.testOrigins.stream()
			.map((origin) -> URI.create(origin).getHost())
			.collect(Collectors.toUnmodifiableSet());
		Timeout timeout = Timeout.of(Duration.ofSeconds(Math.min(30, Math.max(1, settings.timeout().toSeconds()))));
		this.connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDnsResolver(new CheckingResolver(settings.allowPrivateAddresses(), this.testHosts))
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.ofSeconds(10))
				.setSocketTimeout(timeout)
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(this.connections)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent("Thoth/0.1")
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
			.build();
	}

	public Downloaded download(String url) throws DownloadException {
		URI current = parse(url);
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		for (int hop = 0;; hop++) {
			check(current);
			HttpGet get = new HttpGet(current);
			get.setHeader("Accept", "application/pdf, */*;q=0.5");
			try (ClassicHttpResponse response = this.client.executeOpen(null, get, null)) {
				int status = response.getCode();
				if (status >= 300 && status < 400 && status != 304) {
					Header location = response.getFirstHeader("Location");
					if (location == null) {
						throw new DownloadException("http_status", current + " redirects without a Location");
					}
					if (hop >= this.settings.maxRedirects()) {
						throw new DownloadException("redirects",
								"more than " + this.settings.maxRedirects() + " redirects from " + url);
					}
					current = resolve(current, location.getValue());
					continue;
				}
				if (status != 200) {
					throw new DownloadException("http_status", current + " answered HTTP " + status);
				}
				return save(current, response.getEntity(), deadline);
			}
			catch (BlockedAddressException ex) {
				throw new DownloadException("address", ex.getMessage(), ex);
			}
			catch (IOException ex) {
				throw new DownloadException("failed", "downloading " + current + " failed: " + ex.getMessage(), ex);
			}
		}
	}

	private Downloaded save(URI from, HttpEntity entity, long deadline) throws IOException, DownloadException {
		long max = this.settings.maxSize().toBytes();
		if (entity == null) {
			throw new DownloadException("not_pdf", from + " answered no content");
		}
		if (entity.getContentLength() > max) {
			throw new DownloadException("too_large",
					from + " is " + entity.getContentLength() + " bytes, more than the limit of " + max);
		}
		Path file = Files.createTempFile("thoth-discovery-", ".pdf");
		boolean kept = false;
		try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(file)) {
			byte[] head = in.readNBytes(SNIFF);
			if (!startsLikePdf(head)) {
				throw new DownloadException("not_pdf", from + " is not a PDF (" + describe(entity, head) + ")");
			}
			out.write(head);
			long size = head.length;
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) != -1) {
				size += read;
				if (size > max) {
					throw new DownloadException("too_large", from + " is larger than the limit of " + max + " bytes");
				}
				if (System.nanoTime() > deadline) {
					throw new DownloadException("failed",
							from + " took longer than " + this.settings.timeout().toSeconds() + " s");
				}
				out.write(buffer, 0, read);
			}
			kept = true;
			return new Downloaded(file, from, size);
		}
		finally {
			if (!kept) {
				Files.deleteIfExists(file);
			}
		}
	}

	private void check(URI uri) throws DownloadException {
		if (!this.testOrigins.isEmpty() && this.testOrigins.contains(origin(uri))) {
			// Exempt, for tests: checked by every hop, so a redirect from here to
			// another port or host is checked as usual.
			return;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!this.schemes.contains(scheme) || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new DownloadException("scheme", uri + ": the scheme '" + scheme + "' is not allowed (allowed: "
					+ String.join(", ", this.schemes) + ")");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new DownloadException("address", uri + " names no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new DownloadException("address", "a URL with credentials is not followed");
		}
		try {
			// Fails early with a clear reason; the connection's own lookup checks again.
			new CheckingResolver(this.settings.allowPrivateAddresses(), Set.of()).resolve(uri.getHost());
		}
		catch (BlockedAddressException ex) {
			throw new DownloadException("address", ex.getMessage(), ex);
		}
		catch (UnknownHostException ex) {
			throw new DownloadException("failed", uri.getHost() + " cannot be resolved", ex);
		}
	}

	/** scheme://host:port, the port explicit. */
	static String origin(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		return scheme + "://" + host + ":" + port;
	}

	private static URI parse(String url) throws DownloadException {
		if (url == null || url.isBlank()) {
			throw new DownloadException("no_pdf", "no PDF address is known");
		}
		try {
			return new URI(url.strip()).normalize();
		}
		catch (URISyntaxException ex) {
			throw new DownloadException("address", "not a valid URL: " + url, ex);
		}
	}

	private static URI resolve(URI base, String location) throws DownloadException {
		try {
			return base.resolve(new URI(location.strip())).normalize();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new DownloadException("address", base + " redirects to an invalid URL: " + location, ex);
		}
	}

	static boolean startsLikePdf(byte[] head) {
		for (int i = 0; i + SIGNATURE.length <= head.length; i++) {
			if (Arrays.equals(head, i, i + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
				return true;
			}
		}
		return false;
	}

	private static String describe(HttpEntity entity, byte[] head) {
		String type = (entity.getContentType() != null) ? entity.getContentType() : "no declared type";
		return type + ", " + head.length + " bytes read";
	}

	@Override
	public void close() {
		this.connections.close();
		try {
			this.client.close();
		}
		catch (IOException ex) {
			// Nothing is left to release.
		}
	}

	/** A host that resolves to an address downloads may not reach. */
	static final class BlockedAddressException extends UnknownHostException {

		BlockedAddressException(String message) {
			super(message);
		}

	}

	/**
	 * The one DNS lookup of a connection: every address must be allowed, or none is used.
	 */
	static final class CheckingResolver implements DnsResolver {

		private final boolean allowPrivate;

		private final Set<String> exemptHosts;

		/**
		 * @param exemptHosts the test origins' hosts: every hop's origin has been checked
		 * before a connection is made, so only those origins reach here unchecked
		 */
		CheckingResolver(boolean allowPrivate, Set<String> exemptHosts) {
			this.allowPrivate = allowPrivate;
			this.exemptHosts = exemptHosts;
		}

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(name);
			if (!this.allowPrivate && !this.exemptHosts.contains(name.toLowerCase(Locale.ROOT))) {
				for (InetAddress address : addresses) {
					String refusal = PublicAddresses.refusal(address);
					if (refusal != null) {
						throw new BlockedAddressException(host + " resolves to " + address.getHostAddress() + ", "
								+ refusal + ": downloads reach public addresses only");
					}
				}
			}
			return addresses;
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

}
