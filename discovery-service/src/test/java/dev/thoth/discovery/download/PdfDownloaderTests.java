package dev.thoth.discovery.download;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.thoth.discovery.DiscoveryProperties;
import dev.thoth.discovery.support.ApiStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Downloads reach public addresses only, by any hop and any resolved address, in the
 * allowed schemes, within the size limit, and only PDFs. The test server is on loopback,
 * which the downloader refuses unless private addresses are allowed (as for tests).
 */
class PdfDownloaderTests {

	static final WireMockServer server = new WireMockServer(options().dynamicPort());

	static final byte[] PDF = ApiStandIn.corpusPdf("gadr.pdf");

	static {
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	@BeforeEach
	void reset() {
		server.resetAll();
		server.stubFor(get(urlPathEqualTo("/paper.pdf")).willReturn(aResponse().withBody(PDF)));
	}

	static PdfDownloader downloader(boolean allowPrivate, String... schemes) {
		return new PdfDownloader(new DiscoveryProperties.Download(List.of(schemes), DataSize.ofMegabytes(1),
				allowPrivate, 3, Duration.ofSeconds(10), List.of()));
	}

	@Test
	void aPdfIsDownloadedWhenItsAddressIsAllowed() throws Exception {
		try (PdfDownloader downloader = downloader(true, "http", "https")) {
			PdfDownloader.Downloaded pdf = downloader.download(server.baseUrl() + "/paper.pdf");
			assertThat(Files.readAllBytes(pdf.file())).isEqualTo(PDF);
			assertThat(pdf.size()).isEqualTo(PDF.length);
			Files.delete(pdf.file());
		}
	}

	@Test
	void loopbackPrivateAndLinkLocalAddressesAreRefusedBeforeAnyConnection() {
		try (PdfDownloader downloader = downloader(false, "http", "https")) {
			for (String url : List.of(server.baseUrl() + "/paper.pdf",
					"http://localhost:" + server.port() + "/paper.pdf", "http://[::1]:" + server.port() + "/paper.pdf",
					"http://[::ffff:127.0.0.1]:" + server.port() + "/paper.pdf",
					"http://169.254.169.254/latest/meta-data", "http://10.1.2.3/x.pdf",
					"http://0.0.0.0:" + server.port() + "/paper.pdf")) {
				assertThatThrownBy(() -> downloader.download(url)).as(url)
					.isInstanceOf(DownloadException.class)
					.satisfies((ex) -> assertThat(((DownloadException) ex).reason()).isEqualTo("address"));
			}
		}
		server.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void redirectsAreFollowedHopByHopAndBounded() throws Exception {
		server.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "http://127.0.0.1:" + server.port() + "/paper.pdf")));
		server.stubFor(get(urlPathEqualTo("/to-metadata")).willReturn(
				aResponse().withStatus(301).withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
		server.stubFor(
				get(urlPathEqualTo("/loop")).willReturn(aResponse().withStatus(307).withHeader("Location", "/loop")));
		try (PdfDownloader allowed = downloader(true, "http")) {
			assertThat(allowed.download(server.baseUrl() + "/moved").size()).isEqualTo(PDF.length);
			assertThatThrownBy(() -> allowed.download(server.baseUrl() + "/loop"))
				.hasMessageContaining("more than 3 redirects");
		}
		// Each hop is checked like the first: a redirect into another scheme is refused
		// (onlyAllowedSchemesAreFollowedAlsoAfterARedirect), as is one to a non-public
		// address when private addresses are not allowed (the check of every hop).
	}

	@Test
	void onlyAllowedSchemesAreFollowedAlsoAfterARedirect() {
		server.stubFor(get(urlPathEqualTo("/to-file"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "file:///etc/passwd")));
		try (PdfDownloader httpsOnly = downloader(true, "https"); PdfDownloader http = downloader(true, "http")) {
			assertThatThrownBy(() -> httpsOnly.download(server.baseUrl() + "/paper.pdf"))
				.hasMessageContaining("scheme 'http' is not allowed");
			assertThatThrownBy(() -> http.download(server.baseUrl() + "/to-file"))
				.hasMessageContaining("scheme 'file' is not allowed");
			assertThatThrownBy(() -> http.download("ftp://example.org/x.pdf")).hasMessageContaining("scheme 'ftp'");
			assertThatThrownBy(() -> http.download("http://user:secret@127.0.0.1/x.pdf"))
				.hasMessageContaining("credentials");
		}
	}

	@Test
	void contentThatIsNotAPdfOrTooLargeIsRefusedAndNothingIsKept() throws Exception {
		server.stubFor(
				get(urlPathEqualTo("/page.pdf")).willReturn(aResponse().withHeader("Content-Type", "application/pdf")
					.withBody("<html><body>Please log in</body></html>")));
		byte[] huge = new byte[2 * 1024 * 1024];
		System.arraycopy(PDF, 0, huge, 0, 1024);
		server.stubFor(get(urlPathEqualTo("/huge.pdf")).willReturn(aResponse().withBody(huge)));
		long before;
		try (var files = Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
			before = files.filter((f) -> f.getFileName().toString().startsWith("thoth-discovery-")).count();
		}
		try (PdfDownloader downloader = downloader(true, "http")) {
			assertThatThrownBy(() -> downloader.download(server.baseUrl() + "/page.pdf"))
				.isInstanceOf(DownloadException.class)
				.hasMessageContaining("is not a PDF");
			assertThatThrownBy(() -> downloader.download(server.baseUrl() + "/huge.pdf"))
				.satisfies((ex) -> assertThat(((DownloadException) ex).reason()).isEqualTo("too_large"));
			assertThatThrownBy(() -> downloader.download(server.baseUrl() + "/missing.pdf"))
				.hasMessageContaining("HTTP 404");
		}
		try (var files = Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
			assertThat(files.filter((f) -> f.getFileName().toString().startsWith("thoth-discovery-")).count())
				.isEqualTo(before);
		}
	}

	@Test
	void aTestOriginIsExemptAndNothingElseNotEvenItsRedirects() throws Exception {
		String origin = "http://localhost:" + server.port();
		server.stubFor(get(urlPathEqualTo("/to-other-port")).willReturn(
				aResponse().withStatus(302).withHeader("Location", "https://localhost:" + (server.port() + 1) + "/x")));
		server.stubFor(get(urlPathEqualTo("/to-itself"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", origin + "/paper.pdf")));
		try (PdfDownloader downloader = new PdfDownloader(new DiscoveryProperties.Download(List.of("https"),
				DataSize.ofMegabytes(1), false, 3, Duration.ofSeconds(10), List.of(origin)))) {
			PdfDownloader.Downloaded pdf = downloader.download(origin + "/to-itself");
			assertThat(Files.readAllBytes(pdf.file())).isEqualTo(PDF);
			Files.delete(pdf.file());
			assertThatThrownBy(() -> downloader.download(origin + "/to-other-port"))
				.isInstanceOf(DownloadException.class)
				.hasMessageContaining("a loopback address");
			assertThatThrownBy(() -> downloader.download("http://127.0.0.1:" + server.port() + "/paper.pdf"))
				.isInstanceOf(DownloadException.class)
				.hasMessageContaining("the scheme 'http' is not allowed");
		}
	}

	@Test
	void everyKindOfNonPublicAddressIsRecognisedIncludingIpv4InIpv6() {
		for (String address : List.of("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
				"100.64.0.1", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
				"fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::7f00:1",
				"::7f00:1")) {
			assertThat(PublicAddresses.refusal(address(address))).as(address).isNotNull();
		}
		for (String address : List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8")) {
			assertThat(PublicAddresses.refusal(address(address))).as(address).isNull();
		}
	}

	static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
