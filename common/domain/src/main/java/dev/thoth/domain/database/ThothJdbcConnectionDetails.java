package dev.thoth.domain.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import dev.thoth.platform.config.InvalidConfigurationException;
import dev.thoth.platform.config.ThothProperties;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The database from THOTH_DATABASE_URL (JDBC, or
 * {@code postgres://user:password@host/db}) and its user and password; a service that
 * holds the research domain does not start without it.
 */
record ThothJdbcConnectionDetails(String getJdbcUrl, String getUsername,
		String getPassword) implements JdbcConnectionDetails {

	static ThothJdbcConnectionDetails from(ThothProperties properties) {
		ThothProperties.Database database = properties.database();
		if (!database.configured()) {
			throw new InvalidConfigurationException("THOTH_DATABASE_URL",
					"is not set; point it at PostgreSQL (jdbc:postgresql://host:5432/thoth), or start the suite with ./thoth up, which runs an embedded one");
		}
		String url = database.url().trim();
		String user = database.user();
		String password = (database.password() != null) ? database.password() : "";
		if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
			URI uri = parse(url);
			if (uri.getUserInfo() != null) {
				String[] parts = uri.getUserInfo().split(":", 2);
				user = decode(parts[0]);
				if (parts.length > 1) {
					password = decode(parts[1]);
				}
			}
			int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
			String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
			url = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
		}
		else if (!url.startsWith("jdbc:postgresql://")) {
			throw new InvalidConfigurationException("THOTH_DATABASE_URL",
					"must be a PostgreSQL URL (jdbc:postgresql://… or postgres://…)");
		}
		if (properties.production() && password.isBlank()) {
			throw new InvalidConfigurationException("THOTH_DATABASE_PASSWORD",
					"is required in production (THOTH_PRODUCTION=true); set it or THOTH_DATABASE_PASSWORD_FILE");
		}
		return new ThothJdbcConnectionDetails(url, user, password);
	}

	@Override
	public String getDriverClassName() {
		return "org.postgresql.Driver";
	}

	private static URI parse(String url) {
		try {
			return URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException("THOTH_DATABASE_URL", "is not a valid URL", ex);
		}
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
