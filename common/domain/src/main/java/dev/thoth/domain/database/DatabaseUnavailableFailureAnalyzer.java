package dev.thoth.domain.database;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A database that cannot be reached, or refuses the credentials, is reported as one line
 * naming the database and the variable to check, instead of a page of stack trace.
 */
class DatabaseUnavailableFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	DatabaseUnavailableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				String url = (this.environment != null)
						? this.environment.getProperty("thoth.database.url", "THOTH_DATABASE_URL")
						: "THOTH_DATABASE_URL";
				if (state.startsWith("08")) {
					return analysis("the database at " + url + " cannot be reached (" + sql.getMessage()
							+ "); check THOTH_DATABASE_URL and that PostgreSQL is running", failure);
				}
				if (state.equals("28P01") || state.equals("28000")) {
					return analysis("the database at " + url + " refused the credentials (" + sql.getMessage()
							+ "); check THOTH_DATABASE_USER and THOTH_DATABASE_PASSWORD", failure);
				}
				if (state.equals("3D000")) {
					return analysis("the database at " + url + " does not exist (" + sql.getMessage()
							+ "); check THOTH_DATABASE_URL", failure);
				}
			}
		}
		return null;
	}

	private static FailureAnalysis analysis(String line, Throwable cause) {
		return new FailureAnalysis("Database unavailable: " + line,
				"Start PostgreSQL or fix the database settings, then start again.", cause);
	}

}
