package dev.thoth.discovery.download;

import dev.thoth.discovery.DiscoveryProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DownloadConfiguration {

	private static final Log log = LogFactory.getLog(DownloadConfiguration.class);

	@Bean(destroyMethod = "close")
	PdfDownloader pdfDownloader(DiscoveryProperties properties) {
		if (properties.download().allowPrivateAddresses()) {
			log.warn("Downloads may reach private, loopback and link-local addresses "
					+ "(THOTH_DISCOVERY_DOWNLOAD_ALLOW_PRIVATE_ADDRESSES=true): for tests only");
		}
		return new PdfDownloader(properties.download());
	}

}
