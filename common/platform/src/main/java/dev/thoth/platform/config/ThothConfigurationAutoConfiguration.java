package dev.thoth.platform.config;

import java.io.IOException;
import java.nio.file.Files;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Binds the shared settings (validated); the production rules already ran in
 * {@link ThothEnvironmentPostProcessor}.
 */
@AutoConfiguration
@EnableConfigurationProperties(ThothProperties.class)
public class ThothConfigurationAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ThothConfigurationAutoConfiguration.class);

	@Bean
	InitializingBean thothStartupNotices(ThothProperties properties) {
		return () -> {
			if (!properties.api().authenticationEnabled()) {
				logger.warn("THOTH_API_SECRET_KEY is not set: API authentication is OFF (development mode only)");
			}
			try {
				Files.createDirectories(properties.workspaceDir());
			}
			catch (IOException ex) {
				throw new InvalidConfigurationException("THOTH_WORKSPACE_DIR",
						"cannot create workspace directory " + properties.workspaceDir() + " (" + ex.getMessage() + ")",
						ex);
			}
		};
	}

}
