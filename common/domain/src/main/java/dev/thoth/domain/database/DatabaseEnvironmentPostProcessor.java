package dev.thoth.domain.database;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Database defaults for every service that holds the research domain. */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("thothDatabaseDefaults", Map.of(
					// Fail fast when the database is away, instead of hanging start-up.
					"spring.datasource.hikari.connection-timeout", "5000", "spring.datasource.hikari.maximum-pool-size",
					"10",
					// Flyway owns the schema; Hibernate only maps it.
					"spring.jpa.hibernate.ddl-auto", "none")));
	}

}
