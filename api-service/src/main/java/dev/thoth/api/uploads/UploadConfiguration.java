package dev.thoth.api.uploads;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
class UploadConfiguration {

	/** Room in a request for the multipart framing around the file. */
	private static final DataSize FRAMING = DataSize.ofKilobytes(64);

	/**
	 * The servlet container's multipart limits follow THOTH_UPLOAD_MAX_SIZE (instead of
	 * spring.servlet.multipart.*), so a larger body is refused while it is read, as a 413
	 * problem, before any of it reaches the inbox.
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(UploadProperties properties) {
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setMaxFileSize(properties.maxSize());
		factory.setMaxRequestSize(DataSize.ofBytes(properties.maxSize().toBytes() + FRAMING.toBytes()));
		// Small parts stay in memory; larger ones go to the container's temporary folder.
		factory.setFileSizeThreshold(DataSize.ofKilobytes(256));
		return factory.createMultipartConfig();
	}

}
