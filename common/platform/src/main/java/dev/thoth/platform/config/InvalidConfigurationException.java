package dev.thoth.platform.config;

/**
 * A setting that stops a service from starting. It names the environment variable a user
 * has to change, so the start-up failure reads as one clear line.
 */
public class InvalidConfigurationException extends RuntimeException {

	private final String variable;

	public InvalidConfigurationException(String variable, String problem) {
		super(variable + ": " + problem);
		this.variable = variable;
	}

	public InvalidConfigurationException(String variable, String problem, Throwable cause) {
		super(variable + ": " + problem, cause);
		this.variable = variable;
	}

	public String variable() {
		return this.variable;
	}

}
