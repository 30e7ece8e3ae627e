package dev.thoth.domain.database;

import dev.thoth.platform.config.ThothConfigurationAutoConfiguration;
import dev.thoth.platform.config.ThothProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Makes the research domain's entities and repositories part of every service that
 * depends on it, next to the service's own, on the database THOTH_DATABASE_URL names.
 */
@AutoConfiguration(after = ThothConfigurationAutoConfiguration.class, before = DataSourceAutoConfiguration.class)
@AutoConfigurationPackage(basePackages = "dev.thoth.domain")
public class ResearchDomainAutoConfiguration {

	@Bean
	JdbcConnectionDetails thothJdbcConnectionDetails(ThothProperties properties) {
		return ThothJdbcConnectionDetails.from(properties);
	}

}
